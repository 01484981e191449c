import http from 'node:http';
import type { RequestHandler, Response } from 'express';
import { errorBody } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { SystemService } from './config.js';
import { type GatewayRoute, matchGatewayRoute } from './gateway-routes.js';

/** Checkout may take up to the saga budget and more; the gateway allows 15 s, we a little more. */
const UPSTREAM_TIMEOUT_MS = 30_000;

/** Headers about this hop only, never passed on (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** The gateway sets these from the verified token; no one else may send them. */
const GATEWAY_SET = /^x-auth-/;

function upstreamHeaders(
  route: GatewayRoute,
  incoming: http.IncomingHttpHeaders,
): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const name of route.headers) {
    const value = incoming[name];
    if (value !== undefined && !GATEWAY_SET.test(name)) out[name] = value;
  }
  // The body's framing, whatever the route declares.
  if (incoming['content-length'] !== undefined) out['content-length'] = incoming['content-length'];
  if (incoming['transfer-encoding'] !== undefined) {
    out['transfer-encoding'] = incoming['transfer-encoding'];
  }
  return out;
}

function upstreamQuery(route: GatewayRoute, search: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const [name, value] of search)
    if (route.queryStrings.includes(name)) kept.append(name, value);
  const text = kept.toString();
  return text === '' ? '' : `?${text}`;
}

function answerError(res: Response, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(status).json(errorBody(code, message));
}

/**
 * `/api/*` and `/.well-known/*` as the gateway routes them: only its endpoints (method and
 * path), each to its service, with only the headers and query strings it declares. It
 * checks nothing: every service verifies the caller itself.
 */
export function gatewayProxy(
  routes: readonly GatewayRoute[],
  targets: Readonly<Record<SystemService, string>>,
  logger: Logger,
): RequestHandler {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  return (req, res) => {
    const url = new URL(req.originalUrl, 'http://front.invalid');
    const found = matchGatewayRoute(routes, req.method, url.pathname);
    if (!found) {
      answerError(res, 404, 'NOT_FOUND', `No gateway route for ${req.method} ${url.pathname}`);
      return;
    }
    const { route, backendPath } = found;
    const target = new URL(targets[route.service]);
    const upstream = http.request({
      agent,
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: `${backendPath}${upstreamQuery(route, url.searchParams)}`,
      headers: upstreamHeaders(route, req.headers),
      timeout: UPSTREAM_TIMEOUT_MS,
    });
    upstream.on('response', (answer) => {
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(name)) res.setHeader(name, value);
      }
      res.status(answer.statusCode ?? 502);
      answer.pipe(res);
    });
    upstream.on('timeout', () => upstream.destroy(new Error('upstream timeout')));
    upstream.on('error', (err) => {
      if (res.writableEnded || res.destroyed) return;
      logger.warn(`${route.service} did not answer ${req.method} ${url.pathname}`, { err });
      const timedOut = err.message === 'upstream timeout';
      answerError(
        res,
        timedOut ? 504 : 502,
        timedOut ? 'TIMEOUT' : 'SERVICE_INDISPONIBLE',
        `The ${route.service} service did not answer`,
      );
    });
    // The browser gave up (tab closed, navigation): so does the call behind it.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  };
}
