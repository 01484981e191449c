import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import knex from 'knex';
import express, {
  type ErrorRequestHandler,
  type Express,
  type Request,
  type RequestHandler,
} from 'express';
import promBundle from 'express-prom-bundle';
import { Registry } from 'prom-client';
import { AppError, errorBody } from './errors.js';
import type { Logger } from './logger.js';
import { withContext } from './request-context.js';
import { collectRuntimeMetrics } from './runtime-metrics.js';
import {
  extractTraceContext,
  runInSpan,
  SpanKind,
  SpanStatusCode,
  type Tracer,
} from './tracing.js';

const UNTRACED = new Set(['/health', '/ready', '/metrics']);

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes the caller's X-Request-Id when it looks sane, else makes one; echoes it back. */
export const requestId: RequestHandler = (req, res, next) => {
  const given = req.get('x-request-id');
  const id = given !== undefined && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  res.locals.requestId = id;
  withContext({ requestId: id }, next);
};

/**
 * One server span per request, continuing the caller's W3C `traceparent` (or starting a
 * trace), current while the request is served: its SQL and its calls are its children.
 * Named by route once it is known (`POST /api/commande/checkout`).
 */
export function traceRequests(tracer: Tracer): RequestHandler {
  return (req, res, next) => {
    if (UNTRACED.has(req.path)) {
      next();
      return;
    }
    const parent = extractTraceContext(req.headers);
    const span = tracer.startSpan(
      req.method,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': req.method, 'url.path': req.path },
      },
      parent,
    );
    // The matched route is known while its handler answers; Express forgets it after.
    let path: string | undefined;
    const end = res.end.bind(res);
    res.end = ((...args: Parameters<typeof end>) => {
      path ??= matchedRoute(req);
      return end(...args);
    }) as typeof res.end;
    res.on('close', () => {
      if (path !== undefined) span.setAttribute('http.route', path);
      // Never the raw path: ids in span names would make every request a name of its own.
      span.updateName(`${req.method} ${path ?? '(no route)'}`);
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    runInSpan(parent, span, next);
  };
}

/** The route that answers the request (`/api/panier/:client_id`), if one matched. */
function matchedRoute(req: Request): string | undefined {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  return typeof route === 'string' ? `${req.baseUrl}${route}` : undefined;
}

export interface BaseAppOptions {
  service: string;
  logger: Logger;
  registry: Registry;
  /** Answers /ready: true when the service can do its job (database reachable). */
  ready: () => Promise<boolean>;
  /** Traces every request but /health, /ready and /metrics (none: tracing is off). */
  tracer?: Tracer | undefined;
}

/** Health, readiness, metrics, request ids and JSON parsing: what every service has. */
export function createBaseApp(opts: BaseAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestId);
  if (opts.tracer) app.use(traceRequests(opts.tracer));
  app.use(
    promBundle({
      promRegistry: opts.registry,
      includeMethod: true,
      includePath: true,
      includeStatusCode: true,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      customLabels: { service: opts.service },
      excludeRoutes: ['/metrics', '/health', '/ready'],
      // Its own `up` gauge (always 1) would sit beside Prometheus's scrape health, and
      // `sum by (job) (up)` would count every target twice.
      includeUp: false,
    }),
  );
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: opts.service });
  });
  app.get('/ready', async (_req, res) => {
    const ok = await opts.ready();
    res
      .status(ok ? 200 : 503)
      .json({ status: ok ? 'ready' : 'unavailable', service: opts.service });
  });
  app.use(express.json({ limit: '100kb', strict: true }));
  return app;
}

export function createRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectRuntimeMetrics(registry);
  return registry;
}

/** An error raised by Express or its body parser, carrying the HTTP status it means. */
interface HttpLayerError {
  type?: string;
  status: number;
}

const isHttpLayerError = (err: unknown): err is HttpLayerError =>
  typeof err === 'object' &&
  err !== null &&
  'status' in err &&
  typeof (err as { status: unknown }).status === 'number';

/** What the request could not be understood for (a body, a path), in the contract's words. */
function requestError(err: HttpLayerError): [number, string, string] {
  if (err.type === 'entity.too.large') {
    return [413, 'PAYLOAD_TOO_LARGE', 'Request body exceeds 100 kB'];
  }
  if (err.type === 'entity.parse.failed') {
    return [400, 'MALFORMED_JSON', 'Request body is not valid JSON'];
  }
  const what = err.type === undefined ? 'Request path' : 'Request body';
  return [err.status, 'BAD_REQUEST', `${what} could not be read`];
}

/** Codes of a database (or its network) that is not there right now: no bug, come back soon. */
const UNAVAILABLE = new Set([
  ...['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND'],
  // admin_shutdown, crash_shutdown, cannot_connect_now, connection failures, too many clients
  ...['57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', '53300'],
]);

/** True for an error that only says the database cannot be reached (a crash, a restart). */
function databaseUnavailable(err: unknown): boolean {
  if (err instanceof knex.KnexTimeoutError) return true;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && UNAVAILABLE.has(code)) return true;
  return (
    typeof message === 'string' &&
    /Connection terminated|connection error and is not queryable/.test(message)
  );
}

/** Maps any error to the contract's `{"error": {"code", "message"}}`; never leaks a stack. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    if (err instanceof AppError) {
      if (err.httpStatus === 503) {
        // Overloaded, shutting down, a dependency away: the client may retry shortly. Under
        // overload there is one per refused request: a warning without a stack, not an error.
        const cause = err.cause instanceof Error ? err.cause.message : undefined;
        logger.warn(err.message, { code: err.code, cause });
        res.setHeader('Retry-After', '1');
      } else if (err.httpStatus >= 500) logger.error(err.message, { code: err.code, err });
      res.status(err.httpStatus).json(errorBody(err.code, err.message));
      return;
    }
    // e.g. a body that is not JSON, or a path with a malformed percent-escape.
    if (isHttpLayerError(err) && err.status >= 400 && err.status < 500) {
      const [status, code, message] = requestError(err);
      res.status(status).json(errorBody(code, message));
      return;
    }
    if (databaseUnavailable(err)) {
      logger.warn('database unavailable', { err });
      res.setHeader('Retry-After', '1');
      res.status(503).json(errorBody('BASE_INDISPONIBLE', 'The database is unavailable; retry'));
      return;
    }
    logger.error('unhandled error', { err });
    res.status(500).json(errorBody('INTERNAL', 'Internal error'));
  };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('NOT_FOUND', `No route for ${req.method} ${req.path}`));
};

export interface RunningServer {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Listens on host:port (port 0 picks a free one) and says where. */
export async function listen(app: Express, host: string, port: number): Promise<RunningServer> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  server.keepAliveTimeout = 65_000;
  const actual = (server.address() as AddressInfo).port;
  return {
    server,
    port: actual,
    url: `http://${host}:${actual}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
