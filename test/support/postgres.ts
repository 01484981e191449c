import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type PostgresServer, startEmbeddedPostgres } from '../../src/lib/embedded-postgres.js';

let started: Promise<PostgresServer> | undefined;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

async function start(): Promise<PostgresServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'saga-test-pg-'));
  return startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
}

/** The one real PostgreSQL of the test run, started on first use. */
export function testPostgres(): Promise<PostgresServer> {
  started ??= start();
  return started;
}

let counter = 0;

/** A fresh, empty database for one suite: no test sees another suite's rows. */
export async function freshDatabaseUrl(prefix: string): Promise<string> {
  const pg = await testPostgres();
  counter += 1;
  const name = `${prefix}_${process.pid}_${counter}`;
  await pg.ensureDatabase(name);
  return pg.urlFor(name);
}

export async function stopTestPostgres(): Promise<void> {
  if (started) await (await started).stop();
  started = undefined;
}
