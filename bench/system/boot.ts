/**
 * Booting and stopping the whole topology: a throw-away PostgreSQL with one migrated database
 * per service and the catalogue loaded, then the supervisor and its seven processes.
 */
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb } from '../../src/lib/db.js';
import { type PostgresServer, startEmbeddedPostgres } from '../../src/lib/embedded-postgres.js';
import { SYSTEM_SERVICES } from '../../src/system/config.js';
import { prepareDatabases } from '../../src/system/databases.js';
import { freePort } from '../../test/support/postgres.js';
import { readProcs } from './procs.js';
import { type Dbs, loadCatalogue } from './seed.js';
import { type Running, startSupervisor, stopSupervisor, waitReady } from './supervisor.js';

/** What is up so far: filled in as it starts, so a failed boot still stops what did start. */
export interface Topology {
  /** Holds the children's log file; kept when the bench fails. */
  dir: string;
  logFile: string;
  pg?: PostgresServer;
  pgDir?: string;
  dbs?: Dbs;
  run?: Running;
}

export interface Booted {
  dbs: Dbs;
  run: Running;
  orchUrl: string;
  /** PostgreSQL's postmaster, whose CPU is counted with its backends'. */
  postmaster: number | undefined;
  /** When the boot began (Date.now()), to report how long it took. */
  startedAt: number;
}

type Say = (m: string) => void;

export async function newTopology(): Promise<Topology> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-system-'));
  return { dir, logFile: path.join(dir, 'system.log') };
}

async function freePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

async function startDatabase(t: Topology, port: number): Promise<number | undefined> {
  const before = new Set((await readProcs()).keys());
  const server = (t.pg = await startEmbeddedPostgres({
    // Its own folder: as root, PostgreSQL runs as another user that must reach it.
    dataDir: (t.pgDir = await mkdtemp(path.join(tmpdir(), 'bench-system-pg-'))),
    port,
    persistent: false,
  }));
  const postmaster = [...(await readProcs()).values()].find(
    (p) => !before.has(p.pid) && p.ppid === process.pid && p.comm === 'postgres',
  )?.pid;
  await prepareDatabases(server, SYSTEM_SERVICES, '', () => undefined);
  t.dbs = Object.fromEntries(
    SYSTEM_SERVICES.map((s) => [
      s,
      createDb({ url: server.urlFor(s), poolMax: 2, applicationName: 'bench-system' }),
    ]),
  ) as Dbs;
  await loadCatalogue(t.dbs);
  return postmaster;
}

function startSystem(t: Topology, server: PostgresServer, ports: number[]): Running {
  const logFd = openSync(t.logFile, 'a');
  try {
    return (t.run = startSupervisor(server.urlFor('postgres'), ports, logFd));
  } finally {
    closeSync(logFd); // the supervisor holds its own copy
  }
}

/** Everything up and every service ready; what started is recorded in `t` as it goes. */
export async function boot(t: Topology, say: Say): Promise<Booted> {
  say('starting PostgreSQL');
  const [pgPort, ...ports] = await freePorts(1 + SYSTEM_SERVICES.length);
  const startedAt = Date.now();
  const postmaster = await startDatabase(t, pgPort ?? 0);
  const { pg, dbs } = t as Required<Topology>;
  say(`databases migrated, catalogue loaded in ${Date.now() - startedAt} ms`);

  say('starting the system (supervisor + 7 processes)');
  const run = startSystem(t, pg, ports);
  await waitReady(run);
  const orchUrl = `http://127.0.0.1:${run.ports.orchestrateur}`;
  return { dbs, run, orchUrl, postmaster, startedAt };
}

/** Stops the system and closes the bench's connections; PostgreSQL stays up. */
export async function stopSystem(t: Topology, say: Say): Promise<void> {
  if (t.run) {
    const started = Date.now();
    say('stopping the system');
    await stopSupervisor(t.run, say).catch((err: unknown) => say(`stop failed: ${String(err)}`));
    say(`  system stopped in ${Date.now() - started} ms`);
  }
  if (t.dbs) await Promise.all(Object.values(t.dbs).map((db) => db.destroy()));
}

/** Stops PostgreSQL and removes its files, and the logs too unless `keepLogs`. */
export async function stopDatabase(t: Topology, say: Say, keepLogs: boolean): Promise<void> {
  if (t.pg) {
    const started = Date.now();
    await t.pg.stop();
    say(`  PostgreSQL stopped in ${Date.now() - started} ms`);
  }
  if (t.pgDir) await rm(t.pgDir, { recursive: true, force: true });
  if (keepLogs) say(`logs kept in ${t.logFile}`);
  else await rm(t.dir, { recursive: true, force: true });
}
