import { fileURLToPath } from 'node:url';
import type { Express, RequestHandler, Router } from 'express';
import type { Knex } from 'knex';
import type { JWTVerifyGetKey } from 'jose';
import type { Registry } from 'prom-client';
import { type AuthGuards, createGuards } from './auth.js';
import { createDb, isReachable, migrate } from './db.js';
import { accessLog } from './access-log.js';
import {
  createBaseApp,
  createRegistry,
  errorHandler,
  listen,
  notFoundHandler,
  type RunningServer,
} from './http.js';
import { createLogger, type Logger } from './logger.js';
import { startTracing, type Tracer } from './tracing.js';
import { type Blocker, startupProbe, waitForDatabase, waitForKeySet } from './startup.js';
import type { ServiceConfig } from './service-config.js';

const FORCED_EXIT_MS = 10_000;

/** What a service is built from. */
export interface ServiceDeps {
  db: Knex;
  logger: Logger;
  registry: Registry;
  /** Who may call which route (AUTH_REQUIRED=false: everyone). */
  guards: AuthGuards;
  /** This service's tracer; undefined when tracing is off (no OTEL endpoint). */
  tracer: Tracer | undefined;
}

/** A service's routes, and what it runs besides them (a worker, another pool). */
export interface Mounted {
  routes: Router | RequestHandler;
  /** Fields added to the "<name> listening" log line. */
  describe?: Record<string, unknown>;
  /** Awaited before the server listens (e.g. data the first request needs). */
  prepare?(): Promise<void>;
  /** Called once the server listens. */
  start?(): void;
  /** Called while the server stops taking connections, before the pool closes. */
  stop?(): Promise<void>;
}

export type Mount = (deps: ServiceDeps) => Router | RequestHandler | Mounted;

export interface RunningService extends RunningServer {
  db: Knex;
  logger: Logger;
}

export interface ServiceOptions {
  /** Service name: logs, metrics label, /health, database application_name, migrations folder. */
  name: string;
  config: ServiceConfig;
  mount: Mount;
  /** Where the keys that verify tokens come from; default: the JWKS at AUTH_JWKS_URL. */
  keys?: (db: Knex) => JWTVerifyGetKey;
}

/** The folder of one service database's migrations (`migrations/<name>`). */
export function serviceMigrations(name: string): string {
  return fileURLToPath(new URL(`../../migrations/${name}`, import.meta.url));
}

const isMounted = (m: ReturnType<Mount>): m is Mounted => 'routes' in m;

/** Base app + access log + the service's routes + 404 + the error middleware. */
function createServiceApp(name: string, deps: ServiceDeps, mounted: Mounted): Express {
  const app = createBaseApp({
    service: name,
    logger: deps.logger,
    registry: deps.registry,
    ready: () => isReachable(deps.db),
    tracer: deps.tracer,
  });
  app.use(accessLog(deps.logger));
  app.use(mounted.routes);
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}

/** Migrates the service database, then listens; close() stops the server and the pool. */
export async function startService(opts: ServiceOptions): Promise<RunningService> {
  const { name, config } = opts;
  const logger = createLogger(name, config.logLevel, config.logFormat);
  const tracing = startTracing(name, config.tracing);
  const { tracer } = tracing;
  const db = createDb({
    url: config.databaseUrl,
    poolMax: config.dbPoolMax,
    applicationName: name,
    tracer,
  });
  // Until it listens, the port says what the service waits for (src/lib/startup.ts).
  const probe = await startupProbe(name, config.host, config.port);
  const waiting = {
    logger,
    report: (b: Blocker) => probe.set(b.misconfigured ? 'failed' : 'starting', b.message),
  };
  try {
    await waitForDatabase(db, config.databaseUrl, waiting);
    if (!opts.keys && config.auth.required && config.auth.jwksUrl)
      await waitForKeySet(config.auth.jwksUrl, waiting);
    await migrate(db, serviceMigrations(name));
    await probe.close();
    const keys = opts.keys?.(db);
    const guards = createGuards(config.auth, { logger, ...(keys ? { keys } : {}) });
    const deps = { db, logger, registry: createRegistry(name), guards, tracer };
    const built = opts.mount(deps);
    const mounted = isMounted(built) ? built : { routes: built };
    await mounted.prepare?.();
    const server = await listen(createServiceApp(name, deps, mounted), config.host, config.port);
    mounted.start?.();
    logger.info(`${name} listening`, { url: server.url, ...mounted.describe });
    return {
      ...server,
      db,
      logger,
      close: async () => {
        const closing = server.close();
        await mounted.stop?.();
        await closing;
        await db.destroy();
        await tracing.stop();
      },
    };
  } catch (err) {
    await probe.close();
    await db.destroy();
    await tracing.stop();
    throw err;
  }
}

/** For entry points: stops cleanly on SIGTERM/SIGINT, forcing the exit after 10 s. */
/** A service's `main`: starts it from this process's environment, runs until a signal. */
export async function runService(start: () => Promise<RunningService>): Promise<void> {
  const running = await start();
  runUntilSignal(running, running.logger);
}

export function runUntilSignal(
  running: { close(): Promise<void> },
  logger: Logger,
  forcedExitMs = FORCED_EXIT_MS,
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received, stopping`);
    setTimeout(() => process.exit(1), forcedExitMs).unref();
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
