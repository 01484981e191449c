import { DEMO_SEEDS, DEMO_SERVICES, type DemoService } from '../../seeds/demo-seed.js';
import { createDb, migrate } from '../lib/db.js';
import { DEFAULT_HASH_COST, hashPassword } from '../services/auth/passwords.js';
import { createLogger } from '../lib/logger.js';
import { migrationsDir } from './databases.js';
import { loadSeedConfig } from './seed-config.js';

export interface SeedOptions {
  /** Migrate each database first (a no-op when its service already did). */
  migrate: boolean;
}

/**
 * Loads the demo data into each database given, one short-lived connection per database.
 * Idempotent: rows that exist are left as they are (see seeds/demo-seed.ts).
 */
export async function seedDemo(
  urls: Partial<Record<DemoService, string>>,
  opts: SeedOptions,
): Promise<DemoService[]> {
  const seeded: DemoService[] = [];
  for (const service of DEMO_SERVICES) {
    const url = urls[service];
    if (url === undefined) continue;
    const db = createDb({ url, poolMax: 1, applicationName: 'seed' });
    try {
      if (opts.migrate) await migrate(db, migrationsDir(service));
      await DEMO_SEEDS[service](db, { hashPassword: (pw) => hashPassword(pw, DEFAULT_HASH_COST) });
      seeded.push(service);
    } finally {
      await db.destroy();
    }
  }
  return seeded;
}

/**
 * `main seed`: loads the demo data into one database per service (`<NAME>_DATABASE_URL`),
 * e.g. the demo-seed container of docker-compose.yml, then exits. With DEMO_DATA=false (the
 * compose file's default) it touches nothing: a deployment's accounts are its own.
 */
export async function main(env?: NodeJS.ProcessEnv): Promise<void> {
  const config = loadSeedConfig(env);
  const logger = createLogger('seed', config.logLevel, config.logFormat);
  if (!config.demoData) {
    logger.info('DEMO_DATA=false: no demo data loaded');
    return;
  }
  const seeded = await seedDemo(config.databaseUrls, { migrate: true });
  logger.info(`demo data loaded into ${seeded.join(', ')}`);
}
