import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PostgresServer } from '../lib/embedded-postgres.js';
import { createLogger, type Logger } from '../lib/logger.js';
import { banner } from './banner.js';
import { childSpecs, internalUrl } from './children.js';
import { loadSystemConfig, type SystemConfig, type SystemService } from './config.js';
import { openDatabaseServer } from './database-server.js';
import { prepareDatabases } from './databases.js';
import { type RunningFront, startFront } from './front-server.js';
import { seedDemo } from './seed-all.js';
import { Supervisor } from './supervisor.js';

export interface RunningSystem {
  /** Where each started service answers (127.0.0.1). */
  urls: Partial<Record<SystemService, string>>;
  /** The web front, with the API under the gateway's paths (WEB=true); undefined otherwise. */
  frontUrl: string | undefined;
  /** Process id of each service's child (the current one, after a restart); shared services share one. */
  pids(): Record<string, number | undefined>;
  /** Stops every child, then the embedded PostgreSQL if this process started it. */
  stop(): Promise<void>;
}

const thisFile = fileURLToPath(import.meta.url);
const orchestrateurMain = path.join(
  path.dirname(thisFile),
  '..',
  'orchestrateur',
  `main${path.extname(thisFile)}`,
);

/**
 * The whole system in one call: database server, one database per service, migrations,
 * demo data, then the child processes that run the services (childSpecs), each service
 * awaited on /ready.
 */
export async function startSystem(
  config: SystemConfig,
  logger: Logger,
  onGiveUp: (name: string) => void = () => undefined,
): Promise<RunningSystem> {
  let services = config.services;
  if (services.includes('orchestrateur') && !existsSync(orchestrateurMain)) {
    logger.warn(`${orchestrateurMain} does not exist yet: starting the services only`);
    services = services.filter((s) => s !== 'orchestrateur');
  }
  const server: PostgresServer = await openDatabaseServer(config, (line) => logger.debug(line));
  const supervisor = new Supervisor(logger, onGiveUp);
  let front: RunningFront | undefined;
  const stop = async (): Promise<void> => {
    await front?.stop();
    await supervisor.stopAll();
    await server.stop();
  };
  try {
    const dbUrls = await prepareDatabases(server, services, config.dbPrefix, (line) =>
      logger.debug(line),
    );
    if (config.seed) {
      // prepareDatabases just migrated them.
      await seedDemo(dbUrls, { migrate: false });
      logger.info('demo data loaded');
    }
    await Promise.all(
      childSpecs(config, services, dbUrls).map((spec) =>
        supervisor.start(spec, config.readyTimeoutMs),
      ),
    );
    front = await startFront(config, logger);
  } catch (err) {
    await stop();
    throw err;
  }
  const urls = Object.fromEntries(services.map((s) => [s, internalUrl(config, s)]));
  return { urls, frontUrl: front?.url, pids: () => supervisor.pids(), stop };
}

/** What `npm start` turns on unless told otherwise: the demo's fault switches and the web front. */
export const npmStartEnv = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
  DEMO_FAULTS: 'true',
  WEB: 'true',
  ...env,
});

/** `npm start`: runs everything until Ctrl-C / SIGTERM, then stops it all cleanly. */
export async function main(): Promise<void> {
  // DEMO_FAULTS=false turns the fault switches off, WEB=false the front.
  const config = loadSystemConfig(npmStartEnv(process.env));
  const logger = createLogger('system', config.logLevel, config.logFormat);
  const state: { system?: RunningSystem } = {};
  let stopping = false;
  const shutdown = (reason: string, code: number): void => {
    if (stopping) return;
    stopping = true;
    logger.info(`${reason}: stopping every service`);
    const done = state.system ? state.system.stop() : Promise.resolve();
    done.then(
      () => process.exit(code),
      (err: unknown) => {
        logger.error('unclean stop', { err });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT', 0));
  process.on('SIGTERM', () => shutdown('SIGTERM', 0));
  const system = await startSystem(config, logger, (name) => shutdown(`${name} keeps failing`, 1));
  state.system = system;
  if (stopping) {
    // A signal arrived while starting: shutdown() had nothing to stop yet.
    await system.stop();
    process.exit(0);
  }
  process.stdout.write(banner(config, system));
}
