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
import { Registre } from './registre.js';
import type { VentesConfig } from './config.js';
import { ventesRoutes } from './routes.js';

const SERVICE = 'ventes';
export const VENTES_MIGRATIONS = fileURLToPath(
  new URL('../../../migrations/ventes', import.meta.url),
);

export interface VentesDeps {
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

export function createVentesApp(deps: VentesDeps): Express {
  const app = createBaseApp({
    service: SERVICE,
    logger: deps.logger,
    registry: deps.registry,
    ready: () => isReachable(deps.db),
  });
  app.use(accessLog(deps.logger));
  app.use(ventesRoutes(new Registre(deps.db)));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}

export interface RunningVentes extends RunningServer {
  db: Knex;
  logger: Logger;
}

/** Migrates the ventes database, then listens; close() stops the server and the pool. */
export async function startVentes(config: VentesConfig): Promise<RunningVentes> {
  const logger = createLogger(SERVICE, config.logLevel, config.logFormat);
  const db = createDb({
    url: config.databaseUrl,
    poolMax: config.dbPoolMax,
    applicationName: SERVICE,
  });
  try {
    await migrate(db, VENTES_MIGRATIONS);
    const app = createVentesApp({ db, logger, registry: createRegistry(SERVICE) });
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
