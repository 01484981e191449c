import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { errorBody } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { SYSTEM_SERVICES, type SystemConfig, type SystemService } from './config.js';
import { gatewayProxy } from './gateway-proxy.js';
import { type GatewayRoute, loadGatewayRoutes } from './gateway-routes.js';
import { ensureWebBuild } from './web-build.js';

/**
 * The headers deploy/nginx/frontend.conf adds to every answer in docker compose (a test
 * keeps the two equal), so the front meets the same Content-Security-Policy under `npm start`.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

const securityHeaders: RequestHandler = (_req, res, next) => {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  next();
};

/**
 * The paths a service answers for itself (src/lib/http.ts), which neither this server nor
 * the gateway routes: asked here, they must not look up and healthy with the page's 200.
 */
const SERVICE_OWN_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * Whether the single page answers `pathname`: a client-side route (`/`, `/console`,
 * `/commandes/<id>`…), i.e. not under the API's prefixes (`/api`, `/.well-known`, proxied
 * above), not a service's own path, and not a file name (a missing `/favicon.ico` or
 * `/robots.txt` is a 404, as a missing bundle is).
 */
export function isPageAddress(pathname: string): boolean {
  const clean = pathname.replace(/\/+$/, '') || '/';
  if (/^\/(api|\.well-known)(\/|$)/.test(clean)) return false;
  if (SERVICE_OWN_PATHS.has(clean)) return false;
  return !/\.[A-Za-z0-9]+$/.test(clean);
}

export interface FrontServerOptions {
  /** The built front (index.html, assets/). */
  webDir: string;
  routes: readonly GatewayRoute[];
  /** Base URL of each service, e.g. http://127.0.0.1:8003. */
  targets: Readonly<Record<SystemService, string>>;
  logger: Logger;
}

/**
 * What docker compose's frontend nginx and KrakenD do together, on one local port: the
 * built files (hashed bundles cached for good, the page revalidated), the single page at
 * every page address (`isPageAddress`), the API under the gateway's own paths, and 404
 * for anything else.
 */
export function createFrontApp(opts: FrontServerOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(securityHeaders);
  const proxy = gatewayProxy(opts.routes, opts.targets, opts.logger);
  app.use(['/api', '/.well-known'], proxy);
  // A missing bundle is a 404, never the page (a stale tab must not parse HTML as JS).
  app.use(
    '/assets',
    express.static(path.join(opts.webDir, 'assets'), {
      fallthrough: false,
      index: false,
      immutable: true,
      maxAge: '365d',
    }),
  );
  app.use(express.static(opts.webDir, { index: false, cacheControl: false }));
  app.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !isPageAddress(req.path)) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile('index.html', { root: opts.webDir });
  });
  // Not a page, a file or a gateway route: 404 in the API's words, never the page with 200.
  app.use((req, res) => {
    res.status(404).json(errorBody('NOT_FOUND', `Nothing at ${req.method} ${req.path}`));
  });
  // A missing bundle (serve-static's 404) or an unreadable file: a short answer, no stack.
  const failed: ErrorRequestHandler = (err: { status?: number }, _req, res, _next) => {
    const status = typeof err.status === 'number' ? err.status : 500;
    if (status >= 500) opts.logger.error('front server error', { err });
    res
      .status(status)
      .type('text/plain')
      .send(status === 404 ? 'Not found' : 'Error');
  };
  app.use(failed);
  return app;
}

export interface RunningFront {
  url: string;
  stop(): Promise<void>;
}

/** Listens on `host:port` (port 0: any free one). */
export async function startFrontServer(
  opts: FrontServerOptions,
  host: string,
  port: number,
): Promise<RunningFront> {
  const app = createFrontApp(opts);
  const server: Server = await new Promise((resolve, reject) => {
    // Express 5 hands a listen error to the callback.
    const s = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** `npm start`'s front: built if its sources changed, served on WEB_PORT beside the services. */
export async function startFront(
  config: Pick<SystemConfig, 'host' | 'ports' | 'webPort'>,
  logger: Logger,
): Promise<RunningFront | undefined> {
  if (config.webPort === null) return undefined;
  const webDir = await ensureWebBuild(logger);
  const targets = Object.fromEntries(
    SYSTEM_SERVICES.map((s) => [s, `http://127.0.0.1:${config.ports[s]}`]),
  ) as Record<SystemService, string>;
  return startFrontServer(
    { webDir, routes: loadGatewayRoutes(), targets, logger },
    config.host,
    config.webPort,
  );
}
