import { fileURLToPath } from 'node:url';
import type { Express, RequestHandler } from 'express';
import type { Knex } from 'knex';
import type { Registry } from 'prom-client';
import { createDb, isReachable, migrate } from '../../lib/db.js';
import {
  createBaseApp,
  createRegistry,
  errorHandler,
  listen,
  notFoundHandler,
  type RunningServer,
} from '../../lib/http.js';
import { createLogger, type Logger } from '../../lib/logger.js';
import type { PanierConfig } from './config.js';
import { Paniers } from './paniers.js';
import { panierRoutes } from './routes.js';
import { CatalogueClient, ClientsClient, createHttp } from './services-http.js';

const SERVICE = 'panier';
export const PANIER_MIGRATIONS = fileURLToPath(
  new URL('../../../migrations/panier', import.meta.url),
);

export interface PanierDeps {
  db: Knex;
  logger: Logger;
  registry: Registry;
  produitsUrl: string;
  clientUrl: string;
  httpTimeoutMs: number;
}

/** One line per request, with the caller's X-Request-Id. */
function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.on('finish', () => {
      logger.info(`${req.method} ${req.originalUrl} ${res.statusCode}`, {
        requestId: res.locals.requestId as string,
        idempotencyKey: req.get('idempotency-key'),
        ms: Math.round(performance.now() - started),
      });
    });
    next();
  };
}

export function createPanierApp(deps: PanierDeps): Express {
  const app = createBaseApp({
    service: SERVICE,
    logger: deps.logger,
    registry: deps.registry,
    ready: () => isReachable(deps.db),
  });
  app.use(accessLog(deps.logger));
  const http = createHttp({ timeoutMs: deps.httpTimeoutMs });
  const paniers = new Paniers(
    deps.db,
    new CatalogueClient(http, deps.produitsUrl),
    new ClientsClient(http, deps.clientUrl),
  );
  app.use(panierRoutes(paniers));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}

export interface RunningPanier extends RunningServer {
  db: Knex;
  logger: Logger;
}

/** Migrates the panier database, then listens; close() stops the server and the pool. */
export async function startPanier(config: PanierConfig): Promise<RunningPanier> {
  const logger = createLogger(SERVICE, config.logLevel, config.logFormat);
  const db = createDb({
    url: config.databaseUrl,
    poolMax: config.dbPoolMax,
    applicationName: SERVICE,
  });
  try {
    await migrate(db, PANIER_MIGRATIONS);
    const app = createPanierApp({
      db,
      logger,
      registry: createRegistry(SERVICE),
      produitsUrl: config.produitsUrl,
      clientUrl: config.clientUrl,
      httpTimeoutMs: config.httpTimeoutMs,
    });
    const server = await listen(app, config.host, config.port);
    logger.info(`${SERVICE} listening on ${server.url}`);
    return {
      ...server,
      db,
      logger,
      close: async () => {
        await server.close();
        await db.destroy();
      },
    };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}
