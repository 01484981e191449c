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
import type { StockConfig } from './config.js';
import { Reservations } from './reservations.js';
import { stockRoutes } from './routes.js';
import { StockLevels } from './stock-levels.js';

const SERVICE = 'stock';
export const STOCK_MIGRATIONS = fileURLToPath(
  new URL('../../../migrations/stock', import.meta.url),
);

export interface StockDeps {
  db: Knex;
  logger: Logger;
  registry: Registry;
  /** Above this quantity a line shows in the surstock report (unless ?seuil= says otherwise). */
  seuilSurstock: number;
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

export function createStockApp(deps: StockDeps): Express {
  const app = createBaseApp({
    service: SERVICE,
    logger: deps.logger,
    registry: deps.registry,
    ready: () => isReachable(deps.db),
  });
  app.use(accessLog(deps.logger));
  app.use(stockRoutes(new StockLevels(deps.db, deps.seuilSurstock), new Reservations(deps.db)));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}

export interface RunningStock extends RunningServer {
  db: Knex;
  logger: Logger;
}

/** Migrates the stock database, then listens; close() stops the server and the pool. */
export async function startStock(config: StockConfig): Promise<RunningStock> {
  const logger = createLogger(SERVICE, config.logLevel, config.logFormat);
  const db = createDb({
    url: config.databaseUrl,
    poolMax: config.dbPoolMax,
    applicationName: SERVICE,
  });
  try {
    await migrate(db, STOCK_MIGRATIONS);
    const app = createStockApp({
      db,
      logger,
      registry: createRegistry(SERVICE),
      seuilSurstock: config.seuilSurstock,
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
