import { fileURLToPath } from 'node:url';
import type { Express, RequestHandler, Router } from 'express';
import type { Knex } from 'knex';
import type { Registry } from 'prom-client';
import { createDb, isReachable, migrate } from './db.js';
import {
  accessLog,
  createBaseApp,
  createRegistry,
  errorHandler,
  listen,
  notFoundHandler,
  type RunningServer,
} from './http.js';
import { createLogger, type Logger } from './logger.js';
import type { ServiceConfig } from './service-config.js';

const FORCED_EXIT_MS = 10_000;

/** What a participant service is built from. */
export interface ServiceDeps {
  db: Knex;
  logger: Logger;
  registry: Registry;
}

/** A service's own routes, built from its dependencies. */
export type Mount<D extends ServiceDeps = ServiceDeps> = (deps: D) => Router | RequestHandler;

export interface RunningService extends RunningServer {
  db: Knex;
  logger: Logger;
}

export interface ServiceOptions {
  /** Service name: logs, metrics label, /health, database application_name. */
  name: string;
  config: ServiceConfig;
  mount: Mount;
}

/** The folder of one service database's migrations (`migrations/<name>`). */
function serviceMigrations(name: string): string {
  return fileURLToPath(new URL(`../../migrations/${name}`, import.meta.url));
}

/** Base app + access log + the service's routes + 404 + the error middleware. */
function createServiceApp<D extends ServiceDeps>(name: string, deps: D, mount: Mount<D>): Express {
  const app = createBaseApp({
    service: name,
    logger: deps.logger,
    registry: deps.registry,
    ready: () => isReachable(deps.db),
  });
  app.use(accessLog(deps.logger));
  app.use(mount(deps));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}

/** Migrates the service database, then listens; close() stops the server and the pool. */
export async function startService(opts: ServiceOptions): Promise<RunningService> {
  const { name, config } = opts;
  const logger = createLogger(name, config.logLevel, config.logFormat);
  const db = createDb({
    url: config.databaseUrl,
    poolMax: config.dbPoolMax,
    applicationName: name,
  });
  try {
    await migrate(db, serviceMigrations(name));
    const app = createServiceApp(name, { db, logger, registry: createRegistry(name) }, opts.mount);
    const server = await listen(app, config.host, config.port);
    logger.info(`${name} listening on ${server.url}`);
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

/** For entry points: stops cleanly on SIGTERM/SIGINT, forcing the exit after 10 s. */
export function runUntilSignal(running: { close(): Promise<void> }, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received, stopping`);
    setTimeout(() => process.exit(1), FORCED_EXIT_MS).unref();
    running.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error('unclean stop', { err });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
