/**
 * `npm run chaos [-- --duration 60 --seed 42]`: the whole system (two orchestrator
 * instances) under continuous checkouts while a seeded schedule kills orchestrators,
 * participants and PostgreSQL itself, cuts database connections, and slows, fails or drops
 * participant calls. Then it heals everything, lets recovery finish, resumes what waits for
 * an operator, and checks the books. Exits 1 on any violation.
 */
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { createDb } from '../src/lib/db.js';
import { prepareDatabases } from '../src/system/databases.js';
import { SYSTEM_SERVICES } from '../src/system/config.js';
import { freePort } from '../test/support/postgres.js';
import { type Check, checkBooks, type Dbs, leasesOfTheDead } from './books.js';
import { Cluster } from './cluster.js';
import { applyFault, heal } from './faults.js';
import { seedAccounts, Tokens } from './identity.js';
import { Load } from './load.js';
import { checkSignups } from './signup-books.js';
import { Signups } from './signups.js';
import { ChaosPostgres } from './postgres.js';
import { printReport } from './report.js';
import { type FaultKind, schedule, seeded } from './schedule.js';
import { seedChaos } from './seed.js';
import { resumeWaiting, settle } from './settle.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} takes a positive integer`);
  return value;
}

const durationS = option('duration', 60);
const seed = option('seed', 42);
const say = (m: string): boolean => process.stderr.write(`[chaos] ${m}\n`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const dir = await mkdtemp(path.join(tmpdir(), 'chaos-'));
const logFile = path.join(dir, 'system.log');
const random = seeded(seed);
say(`seed ${seed}, ${durationS} s of faults; logs in ${logFile}`);

// Its own folder: as root, PostgreSQL runs as another user, which must reach it.
const pgDir = await mkdtemp(path.join(tmpdir(), 'chaos-pg-'));
const pg = await ChaosPostgres.start(pgDir, await freePort());
const urls = await prepareDatabases(pg, SYSTEM_SERVICES, '', () => undefined);
const open = (s: string): Knex =>
  createDb({ url: urls[s] ?? '', poolMax: 2, applicationName: 'chaos' });
const all = Object.fromEntries(SYSTEM_SERVICES.map((s) => [s, open(s)])) as Record<string, Knex>;
await seedChaos(all as never);
await seedAccounts(all.auth as Knex);
const logFd = openSync(logFile, 'a');
const cluster = new Cluster(pg, random, logFd);
const injected = new Map<FaultKind, number>();
let checks: Check[] = [];
let load: Load | undefined;
let signups: Signups | undefined;
try {
  say('starting the system');
  await cluster.start();
  const tokens = new Tokens(cluster.url('auth'));
  const orchestrateurs = [cluster.url('orchestrateur-a'), cluster.url('orchestrateur-b')];
  load = new Load(
    cluster.url('panier'),
    [cluster.url('orchestrateur-a'), cluster.url('orchestrateur-b')],
    tokens,
    random,
  );
  load.start(6);
  signups = new Signups(orchestrateurs, random);
  signups.start();
  const started = Date.now();
  const pending: Promise<void>[] = [];
  for (const { atMs, fault } of schedule(durationS * 1000, random)) {
    await sleep(Math.max(0, started + atMs - Date.now()));
    injected.set(fault.kind, (injected.get(fault.kind) ?? 0) + 1);
    say(
      `${((Date.now() - started) / 1000).toFixed(1)} s: ${fault.kind} ${'target' in fault ? fault.target : ''}`,
    );
    pending.push(
      applyFault(fault, { pg, cluster }).catch(
        (err: unknown) => void say(`fault failed: ${String(err)}`),
      ),
    );
  }
  await sleep(Math.max(0, started + durationS * 1000 - Date.now()));
  say('faults over: healing');
  await Promise.all(pending);
  await heal({ pg, cluster });
  await Promise.all([load.stop(), signups.stop()]);
  say('waiting for recovery to finish every saga');
  const db = all.orchestrateur as Knex;
  await settle(db, 120_000);
  const dead = await leasesOfTheDead(db, cluster.liveInstances());
  const resumed = await resumeWaiting(db, orchestrateurs, tokens);
  say(`resumed ${resumed} sagas waiting for an operator`);
  const internalErrors = [...load.internalErrors, ...signups.internalErrors];
  checks = [
    {
      name: 'no unfinished saga left leased by a dead instance',
      pass: dead.length === 0,
      detail: dead.length === 0 ? 'none' : dead.slice(0, 5).join('; '),
    },
    {
      name: 'no call answered 500',
      pass: internalErrors.length === 0,
      detail: internalErrors.length === 0 ? 'none' : internalErrors.slice(0, 5).join('; '),
    },
    ...(await checkBooks(all as Dbs, load.added)),
    ...(await checkSignups(all as Parameters<typeof checkSignups>[0])),
  ];
  await printReport({ seed, durationS, injected, load, signups, db, checks });
} finally {
  await cluster.stop();
  closeSync(logFd);
  await Promise.all(Object.values(all).map((d) => d.destroy()));
  await pg.stop();
  await rm(pgDir, { recursive: true, force: true });
}
const ok = checks.length > 0 && checks.every((c) => c.pass);
if (ok) await rm(dir, { recursive: true, force: true });
else say(`logs kept in ${logFile}`);
process.exit(ok ? 0 : 1);
