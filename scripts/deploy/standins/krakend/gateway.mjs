// KrakenD stand-in (see Dockerfile): `run -c <krakend.json>`, the routes of that file, each
// to the host its backend names, through the project's gateway proxy.
import express from 'express';
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { loadGatewayRoutes, matchGatewayRoute } from './dist/src/system/gateway-routes.js';
import { gatewayProxy } from './dist/src/system/gateway-proxy.js';
import { SYSTEM_SERVICES } from './dist/src/system/config.js';
import { createLogger } from './dist/src/lib/logger.js';

const args = process.argv.slice(2);
const file = args[args.indexOf('-c') + 1] ?? '/etc/krakend/krakend.json';
const config = JSON.parse(readFileSync(file, 'utf8'));
const routes = loadGatewayRoutes(file);
const logger = createLogger('krakend-standin', 'info', 'json');

// One proxy per backend host (stock-lb and stock-service-1 are both "stock"): every
// service name points at that host, so the route's own host is always the one called.
const hostOf = new Map(
  config.endpoints.map((e) => [
    `${(e.method ?? 'GET').toUpperCase()} ${e.endpoint}`,
    e.backend[0].host[0],
  ]),
);
const proxies = new Map();
for (const host of new Set(hostOf.values())) {
  const targets = Object.fromEntries(SYSTEM_SERVICES.map((s) => [s, host]));
  proxies.set(host, gatewayProxy(routes, targets, logger));
}

const app = express();
app.disable('x-powered-by');
app.get('/__health', (_req, res) => res.json({ status: 'ok', standin: 'krakend' }));
app.use((req, res, next) => {
  const found = matchGatewayRoute(routes, req.method, req.path);
  const host = found && hostOf.get(`${found.route.method} ${found.route.endpoint}`);
  if (!host) return res.status(404).end();
  return proxies.get(host)(req, res, next);
});
app.listen(config.port ?? 8080, '0.0.0.0', () =>
  logger.info(
    'KrakenD stand-in listening (no JWT validation, no rate limit: see docs/deployment.md)',
    {
      routes: routes.length,
      hosts: [...proxies.keys()],
    },
  ),
);
