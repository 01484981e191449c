import { createLogger, type LogLevel } from '../../../src/lib/logger.js';
import { loadSystemConfig, SYSTEM_SERVICES } from '../../../src/system/config.js';
import { npmStartEnv, type RunningSystem, startSystem } from '../../../src/system/start-all.js';
import { freePort, testPostgres } from '../../support/postgres.js';

export interface E2eSystem extends RunningSystem {
  /** The one URL the browser uses: the front and the API under the gateway's paths. */
  web: string;
}

/** Sagas settle fast: few compensation retries (so one can park for real), short backoffs. */
const SAGA_TUNING = {
  SAGA_COMPENSATION_RETRIES: '2',
  SAGA_RETRY_BASE_MS: '50',
  SAGA_RETRY_MAX_MS: '200',
};

/**
 * The whole system as `npm start` starts it (same start function and defaults: demo
 * faults and the web front on), on the test run's PostgreSQL under its own database
 * prefix, every process on a free port of 127.0.0.1. One process per service, not npm
 * start's shared one: a scenario freezes the client service's process, and only it.
 */
export async function startE2eSystem(): Promise<E2eSystem> {
  const pg = await testPostgres();
  const ports: Record<string, string> = {};
  for (const s of SYSTEM_SERVICES) ports[`${s.toUpperCase()}_PORT`] = String(await freePort());
  const level = (process.env.E2E_LOG_LEVEL ?? 'silent') as LogLevel;
  const config = loadSystemConfig(
    npmStartEnv({
      DATABASE_URL: pg.urlFor('postgres'),
      DB_PREFIX: `e2e${process.pid}_`,
      HOST: '127.0.0.1',
      WEB_PORT: String(await freePort()),
      LOG_LEVEL: level,
      SERVICE_PROCESSES: 'separate',
      ...SAGA_TUNING,
      ...ports,
    }),
  );
  const system = await startSystem(config, createLogger('e2e', level, 'pretty'));
  if (system.frontUrl === undefined) {
    await system.stop();
    throw new Error('npm start serves no web front');
  }
  return { ...system, web: system.frontUrl };
}
