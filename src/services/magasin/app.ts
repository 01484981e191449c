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
import { Magasins } from './magasins.js';
import type { MagasinConfig } from './config.js';
import { magasinRoutes } from './routes.js';

const SERVICE = 'magasin';
export const MAGASIN_MIGRATIONS = fileURLToPath(
  new URL('../../../migrations/magasin', import.meta.url),
);

export interface MagasinDeps {
  db: Knex;
  logger: Logger;
  registry: Registry;
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

export function createMagasinApp(deps: MagasinDeps): Express {
  const app = createBaseApp({
    service: SERVICE,
    logger: deps.logger,
    registry: deps.registry,
    ready: () => isReachable(deps.db),
  });
  app.use(accessLog(deps.logger));
  app.use(magasinRoutes(new Magasins(deps.db)));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}

export interface RunningMagasin extends RunningServer {
  db: Knex;
  logger: Logger;
}

/** Migrates the magasin database, then listens; close() stops the server and the pool. */
export async function startMagasin(config: MagasinConfig): Promise<RunningMagasin> {
  const logger = createLogger(SERVICE, config.logLevel, config.logFormat);
  const db = createDb({
    url: config.databaseUrl,
    poolMax: config.dbPoolMax,
    applicationName: SERVICE,
  });
  try {
    await migrate(db, MAGASIN_MIGRATIONS);
    const app = createMagasinApp({ db, logger, registry: createRegistry(SERVICE) });
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
