import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import knex, { type Knex } from 'knex';
import pg from 'pg';
import { startSqlSpan, traceOutsideKnex, verbOf } from './sql-spans.js';
import { inTrace, recordFailure, type Span, type Tracer } from './tracing.js';

export type Db = Knex | Knex.Transaction;

// BIGINT counts and sums come back as strings by default; ours fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

export interface DbOptions {
  url: string;
  poolMax: number;
  applicationName: string;
  /** false: sessions commit without waiting for the WAL flush (see transitions.ts). */
  synchronousCommit?: boolean;
  /** A span per query, child of the current span (none: no listener, nothing spent). */
  tracer?: Tracer | undefined;
}

interface KnexQuery {
  __knexQueryUid: string;
  sql: string;
  method?: string;
}

/**
 * One client span per query run through Knex within a trace (a request's, a saga's): its
 * statement, its failure. Background queries (lease renewals, scans) start no trace.
 */
function traceQueries(db: Knex, tracer: Tracer): void {
  const spans = new Map<string, Span>();
  db.on('query', (q: KnexQuery) => {
    if (!inTrace()) return;
    const verb = q.method === undefined || q.method === 'raw' ? verbOf(q.sql) : q.method;
    spans.set(q.__knexQueryUid, startSqlSpan(tracer, verb, q.sql));
  });
  const end = (q: KnexQuery, err?: unknown): void => {
    const span = spans.get(q.__knexQueryUid);
    if (span === undefined) return;
    spans.delete(q.__knexQueryUid);
    if (err !== undefined) recordFailure(span, err);
    span.end();
  };
  db.on('query-response', (_res: unknown, q: KnexQuery) => end(q));
  db.on('query-error', (err: unknown, q: KnexQuery) => end(q, err));
}

export function createDb(opts: DbOptions): Knex {
  const db = knex({
    client: 'pg',
    connection: {
      connectionString: opts.url,
      application_name: opts.applicationName,
      ...(opts.synchronousCommit === false ? { options: '-c synchronous_commit=off' } : {}),
    },
    pool: { min: 0, max: opts.poolMax },
    acquireConnectionTimeout: 10_000,
    // Knex prints every failed connection with its stack; a service says itself, in one line,
    // what its database does (start-up waits in startup.ts, 503 BASE_INDISPONIBLE after).
    log: {
      warn: (message: string) => {
        if (!message.startsWith('Acquire connection error')) console.warn(message);
      },
    },
  });
  if (opts.tracer) {
    traceQueries(db, opts.tracer);
    traceOutsideKnex(db, opts.tracer);
  }
  return db;
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
 * Runs the migrations of one service database, one process at a time. Knex's own lock
 * table cannot do that on a brand-new database (processes race to create it and to seed
 * its row), so a PostgreSQL advisory lock, held on a connection of its own, serialises
 * the whole run; holding it, we may also free a knex lock left by a crashed process.
 */
export async function migrate(db: Knex, dir: string): Promise<void> {
  const connection = (db.client as { config: { connection: pg.ClientConfig } }).config.connection;
  const lock = new pg.Client(connection);
  const key = `migrations:${path.basename(dir)}`;
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
    const source = new FolderMigrationSource(dir);
    if (await db.schema.hasTable('knex_migrations_lock'))
      await db.migrate.forceFreeMigrationsLock();
    await db.migrate.latest({ migrationSource: source });
  } finally {
    await lock.end(); // ends the session, which releases the advisory lock
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

/** The most connections a pool made by `createDb` may open. */
export function poolMaxOf(db: Knex): number {
  return (db.client as { config: { pool: { max: number } } }).config.pool.max;
}
