import { readFileSync } from 'node:fs';
import { call } from '../../support/orchestrateur.js';

export interface KrakendBackend {
  host: string[];
  url_pattern: string;
  method?: string;
  encoding?: string;
}

export interface KrakendEndpoint {
  endpoint: string;
  method?: string;
  timeout?: string;
  output_encoding?: string;
  input_headers?: string[];
  input_query_strings?: string[];
  extra_config?: Record<string, unknown>;
  backend: KrakendBackend[];
}

export interface KrakendConfig {
  version: number;
  port?: number;
  timeout?: string;
  output_encoding?: string;
  extra_config?: Record<string, unknown>;
  endpoints: KrakendEndpoint[];
}

export const KRAKEND_FILE = 'deploy/krakend/krakend.json';

export const loadKrakend = (file = KRAKEND_FILE): KrakendConfig =>
  JSON.parse(readFileSync(file, 'utf8')) as KrakendConfig;

/** A call the gateway makes: to which compose service, with which method and path. */
export interface BackendRoute {
  endpoint: string;
  service: string;
  method: string;
  urlPattern: string;
}

export function backendRoutes(cfg: KrakendConfig): BackendRoute[] {
  return cfg.endpoints.flatMap((e) =>
    e.backend.flatMap((b) =>
      b.host.map((h) => ({
        endpoint: `${e.method ?? 'GET'} ${e.endpoint}`,
        service: new URL(h).hostname,
        method: (b.method ?? e.method ?? 'GET').toUpperCase(),
        urlPattern: b.url_pattern,
      })),
    ),
  );
}

/** `{name}` placeholders of a KrakenD path. */
export const placeholders = (pattern: string): string[] =>
  [...pattern.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');

/** Our notFoundHandler's answer (src/lib/http.ts): no Express route matched method + path. */
const isNoRoute = (status: number, body: unknown): boolean => {
  const err = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return status === 404 && err?.code === 'NOT_FOUND' && /^No route for /.test(err.message ?? '');
};

/**
 * Calls every backend route on the real, running service (placeholders filled with `1`, an
 * empty JSON body where one is expected) and lists those the service's Express router does
 * not know. Any other answer (2xx, 400 validation, 401, 404 of an unknown resource) proves the
 * route exists; only the catch-all "No route" 404 does not.
 */
export async function missingRoutes(
  routes: readonly BackendRoute[],
  urls: Readonly<Record<string, string>>,
): Promise<string[]> {
  const missing: string[] = [];
  for (const r of routes) {
    const base = urls[r.service];
    if (base === undefined) {
      missing.push(`${r.endpoint}: no service behind host ${r.service}`);
      continue;
    }
    const path = r.urlPattern.replace(/\{[^}]+\}/g, '1');
    const withBody = ['POST', 'PUT', 'PATCH'].includes(r.method);
    const res = await call(base, r.method, path, withBody ? { json: {} } : {});
    if (isNoRoute(res.status, res.body)) {
      missing.push(`${r.endpoint}: ${r.service} has no route ${r.method} ${r.urlPattern}`);
    }
  }
  return missing;
}
