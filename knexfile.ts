/**
 * The knex CLI's configuration: one environment per service database. Either command works,
 * from the repository root:
 *
 *   DATABASE_URL=postgres://…/orchestrateur npx knex migrate:latest --env orchestrateur
 *   DATABASE_URL=postgres://…/orchestrateur npm run knex -- migrate:latest --env orchestrateur
 *
 * This file, the migrations and the seeds stay TypeScript ES modules that import `.js` paths,
 * which only tsx resolves: `npm run knex` is the knex CLI with tsx loaded, and the plain
 * `npx knex` finds knexfile.js first, which registers tsx and hands over this file's
 * configuration. The CLI must agree with the services, which migrate their own database at
 * start-up (src/lib/db.ts): same files, same names in the same `knex_migrations` table, same
 * advisory lock. Knex's file-system loader would record `…_create_commandes.ts` where the
 * services record `…_create_commandes`, so both sides use a migration source that names a
 * migration by its file name without the extension.
 */
import { readdir } from 'node:fs/promises';
import type { Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Knex } from 'knex';
import pg from 'pg';
import { DEMO_SEEDS, type SeedDeps } from './seeds/demo-seed.js';
import { DEFAULT_HASH_COST, hashPassword } from './src/services/auth/passwords.js';
import { SYSTEM_SERVICES } from './src/system/config.js';

/** One environment per service database: each process `npm start` runs, and auth. */
export const KNEX_ENVIRONMENTS: readonly string[] = [...new Set([...SYSTEM_SERVICES, 'auth'])];

/** `yyyymmddhhmmss_snake_name.ts` (`.js` once built): the same rule as src/lib/db.ts. */
const MIGRATION_FILE = /^\d{14}_[a-z0-9_]+\.(ts|js)$/;

const migrationsDir = (service: string): string =>
  fileURLToPath(new URL(`./migrations/${service}`, import.meta.url));

function databaseUrl(service: string): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      `DATABASE_URL is required: the URL of the ${service} database, e.g. ` +
        `DATABASE_URL=postgres://postgres:postgres@127.0.0.1:54329/${service}`,
    );
  }
  return url;
}

/**
 * Takes the lock a service takes before migrating its database (pg_advisory_lock on
 * `migrations:<service>`, src/lib/db.ts), so the CLI and a starting service never migrate
 * at once, not even on a brand-new database where knex's own lock table is not there yet.
 * A session of its own holds it until the CLI exits; that session never keeps a process
 * alive.
 */
async function holdMigrationLock(service: string): Promise<void> {
  const session = new pg.Client({
    connectionString: databaseUrl(service),
    application_name: 'knex cli (migration lock)',
  });
  session.on('error', () => undefined); // the lock goes with the session; nothing to recover
  await session.connect();
  await session.query('SELECT pg_advisory_lock(hashtext($1))', [`migrations:${service}`]);
  (session.connection.stream as Socket).unref();
}

interface MigrationModule {
  up(db: Knex): Promise<void>;
  down(db: Knex): Promise<void>;
}

/** Shaped like knex's own file entries: `migrate:list` prints `file` for pending ones. */
interface MigrationFile {
  file: string;
}

function migrationSource(service: string): Knex.MigrationSource<MigrationFile> {
  const dir = migrationsDir(service);
  return {
    async getMigrations() {
      const files = (await readdir(dir)).filter((f) => MIGRATION_FILE.test(f)).sort();
      return files.map((file) => ({ file }));
    },
    getMigrationName: ({ file }) => file.replace(/\.(ts|js)$/, ''),
    getMigration: async ({ file }) =>
      (await import(pathToFileURL(path.join(dir, file)).href)) as MigrationModule,
  };
}

type Loader = (db: Knex, deps: SeedDeps) => Promise<void>;

const deps: SeedDeps = { hashPassword: (pw) => hashPassword(pw, DEFAULT_HASH_COST) };

/** The demo data of that database (seeds/demo-seed.ts), as one knex seed; none for some. */
function seedSource(service: string): Knex.SeedSource<string> {
  const loader = (DEMO_SEEDS as Partial<Record<string, Loader>>)[service];
  const seed = (db: Knex): Promise<void> => (loader ? loader(db, deps) : Promise.resolve());
  return {
    getSeeds: () => Promise.resolve(loader ? [`seeds/demo-seed.ts (${loader.name})`] : []),
    getSeed: () => Promise.resolve({ seed }),
  };
}

function environment(service: string): Knex.Config {
  let locked: Promise<void> | undefined;
  return {
    client: 'pg',
    // Called before knex's first query (it creates its tables before reading the migration
    // list): the lock is taken first, and a missing URL is only an error for commands that
    // connect.
    connection: async () => {
      await (locked ??= holdMigrationLock(service));
      return { connectionString: databaseUrl(service), application_name: `knex cli (${service})` };
    },
    pool: { min: 0, max: 2 },
    // `migrate:make` (and `seed:make`) write TypeScript: without `extension`, knex would take
    // the knexfile's own, that of knexfile.js, and write CommonJS into this ESM package.
    migrations: { migrationSource: migrationSource(service), extension: 'ts' },
    seeds: { seedSource: seedSource(service), extension: 'ts' },
  };
}

const environments: Record<string, Knex.Config> = Object.fromEntries(
  KNEX_ENVIRONMENTS.map((service) => [service, environment(service)]),
);

/**
 * Without `--env`, knex looks up NODE_ENV or `development` and, not finding it, takes the
 * whole file for one configuration ("Unknown configuration option 'client'"); say instead
 * what to type.
 */
const config = new Proxy(environments, {
  get(target, key, receiver) {
    if (typeof key === 'string' && key !== 'then' && !Object.hasOwn(target, key)) {
      throw new Error(
        `knexfile.ts has no environment '${key}': name the database with ` +
          `--env ${KNEX_ENVIRONMENTS.join('|')}`,
      );
    }
    return Reflect.get(target, key, receiver) as unknown;
  },
});

export default config;
