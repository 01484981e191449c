import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Joi from 'joi';
import { SYSTEM_SERVICES, type SystemService } from './config.js';

/**
 * The routes the KrakenD gateway exposes (deploy/krakend/krakend.json), read so that the
 * local front server offers exactly the same paths, methods, headers and query strings:
 * the two can never drift, and a front that works under `npm start` works behind KrakenD.
 */
export interface GatewayRoute {
  method: string;
  /** The gateway path, e.g. `/api/commande/{id}`. */
  endpoint: string;
  /** Matches a request path; one capture per `{param}`. */
  pattern: RegExp;
  params: readonly string[];
  /** Which process of the system answers it (from the backend's compose host name). */
  service: SystemService;
  /** The backend path, `{param}` placeholders included. */
  urlPattern: string;
  /** Request headers passed on (lower case), as `input_headers` declares. */
  headers: readonly string[];
  /** Query strings passed on, as `input_query_strings` declares. */
  queryStrings: readonly string[];
}

interface KrakendEndpoint {
  endpoint: string;
  method: string;
  input_headers: string[];
  input_query_strings: string[];
  backend: { host: string[]; url_pattern: string }[];
}

const endpointSchema = Joi.object<KrakendEndpoint>({
  endpoint: Joi.string().pattern(/^\//).required(),
  method: Joi.string().uppercase().default('GET'),
  input_headers: Joi.array().items(Joi.string()).default([]),
  input_query_strings: Joi.array().items(Joi.string()).default([]),
  backend: Joi.array()
    .items(
      Joi.object({
        host: Joi.array().items(Joi.string().uri()).min(1).required(),
        url_pattern: Joi.string().pattern(/^\//).required(),
      }).unknown(true),
    )
    .length(1)
    .required(),
}).unknown(true);

const configSchema = Joi.object<{ endpoints: KrakendEndpoint[] }>({
  endpoints: Joi.array().items(endpointSchema).min(1).required(),
}).unknown(true);

const here = path.dirname(fileURLToPath(import.meta.url));

/** The repository's root, from src/system (tsx) or dist/src/system (built). */
export function repoRoot(): string {
  const candidates = [path.resolve(here, '..', '..'), path.resolve(here, '..', '..', '..')];
  return candidates.find((dir) => existsSync(path.join(dir, 'package.json'))) ?? process.cwd();
}

export const KRAKEND_FILE = path.join(repoRoot(), 'deploy', 'krakend', 'krakend.json');

/** `http://stock-lb:8003`, `http://stock-service-1:8003` → `stock`: compose names start with it. */
function serviceOf(host: string): SystemService {
  const name = new URL(host).hostname.split('-')[0] ?? '';
  const service = SYSTEM_SERVICES.find((s) => s === name);
  if (!service)
    throw new Error(`${KRAKEND_FILE}: backend host ${host} is no service of the system`);
  return service;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(e: KrakendEndpoint): GatewayRoute {
  const params: string[] = [];
  const source = e.endpoint
    .split(/(\{[^}/]+\})/)
    .map((part) => {
      const param = /^\{([^}/]+)\}$/.exec(part)?.[1];
      if (param === undefined) return escape(part);
      params.push(param);
      return '([^/]+)';
    })
    .join('');
  const backend = e.backend[0] as KrakendEndpoint['backend'][number];
  return {
    method: e.method,
    endpoint: e.endpoint,
    pattern: new RegExp(`^${source}$`),
    params,
    service: serviceOf(backend.host[0] ?? ''),
    urlPattern: backend.url_pattern,
    headers: e.input_headers.map((h) => h.toLowerCase()),
    queryStrings: e.input_query_strings,
  };
}

/** Every endpoint of the gateway's configuration, validated and compiled. */
export function loadGatewayRoutes(file = KRAKEND_FILE): GatewayRoute[] {
  const { value, error } = configSchema.validate(JSON.parse(readFileSync(file, 'utf8')));
  if (error) throw new Error(`${file}: ${error.message}`);
  return value.endpoints.map(compile);
}

/** The route a request takes, and the backend path with its parameters filled in. */
export function matchGatewayRoute(
  routes: readonly GatewayRoute[],
  method: string,
  pathname: string,
): { route: GatewayRoute; backendPath: string } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    const values = new Map(route.params.map((p, i) => [p, m[i + 1] ?? '']));
    const backendPath = route.urlPattern.replace(
      /\{([^}/]+)\}/g,
      (_, p: string) => values.get(p) ?? '',
    );
    return { route, backendPath };
  }
  return undefined;
}
