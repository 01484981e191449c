import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import knex, { type Knex } from 'knex';
import pg from 'pg';

export type Db = Knex | Knex.Transaction;

// BIGINT counts and sums come back as strings by default; ours fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

export interface DbOptions {
  url: string;
  poolMax: number;
  applicationName: string;
  /** false: sessions commit without waiting for the WAL flush (see transitions.ts). */
  synchronousCommit?: boolean;
}

export function createDb(opts: DbOptions): Knex {
  return knex({
    client: 'pg',
    connection: {
      connectionString: opts.url,
      application_name: opts.applicationName,
      ...(opts.synchronousCommit === false ? { options: '-c synchronous_commit=off' } : {}),
    },
    pool: { min: 0, max: opts.poolMax },
    acquireConnectionTimeout: 10_000,
  });
}

interface MigrationModule {
  up(db: Knex): Promise<void>;
  down(db: Knex): Promise<void>;
}

/** Loads `yyyymmddhhmmss_name.{ts,js}` files from one folder, in name order. */
class FolderMigrationSource implements Knex.MigrationSource<string> {
  constructor(private readonly dir: string) {}

  async getMigrations(): Promise<string[]> {
    const files = await readdir(this.dir);
    return files.filter((f) => /^\d{14}_[a-z0-9_]+\.(ts|js)$/.test(f)).sort();
  }

  getMigrationName(file: string): string {
    return file.replace(/\.(ts|js)$/, '');
  }

  async getMigration(file: string): Promise<MigrationModule> {
    return (await import(pathToFileURL(path.join(this.dir, file)).href)) as MigrationModule;
  }
}

/**
 * Runs the migrations of one service database. Knex serialises migrations with its lock
 * table, but several processes meeting a brand-new database race to create that very
 * table (e.g. two stock instances); the losers fail once, so they try again shortly.
 */
export async function migrate(db: Knex, dir: string, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await db.migrate.latest({ migrationSource: new FolderMigrationSource(dir) });
      return;
    } catch (err) {
      if (attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.random() * 100));
    }
  }
}

export async function isReachable(db: Knex): Promise<boolean> {
  try {
    await db.raw('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
