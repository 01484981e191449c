/**
 * `npm run bench -- --peers [--quick] [--json FILE] [--systems a,b] [--levels 1,16] [--passes N]`: the
 * orchestrator, the floor, DBOS Transact and Restate, all running the same checkout
 * against the same in-memory participants, at each concurrency in turn, then once more
 * under a failure mix; each system alone. CPU is that of every process of a system, its
 * database included.
 */
import { execSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { option, SECONDS } from '../args.js';
import { startEmbeddedPostgres } from '../../src/lib/embedded-postgres.js';
import type { FakeParticipants, RandomFault } from '../../test/support/fake-participants.js';
import { freePort } from '../../test/support/postgres.js';
import { drive } from '../measure.js';
import { CLIENTS, startStandIns } from '../stand-ins.js';
import { treeCpuSeconds } from '../system/procs.js';
import { checkConformance } from './conformance.js';
import { ensurePeersInstalled } from './install.js';
import { type Meta, type PeerRun, peersTable } from './report.js';
import {
  postmasterPid,
  type RunningSystem,
  type SharedInfra,
  startSystem,
  SYSTEMS,
  type SystemName,
} from './systems.js';
import { peerVersions } from './versions.js';

const WARM_UP_SECONDS = 2;
const LEVELS = (option('--levels') ?? '1,16,64,256').split(',').map(Number);
const CHOSEN = (option('--systems')?.split(',') ?? [...SYSTEMS]) as SystemName[];
const JSON_FILE = option('--json');
const PASSES = Number(option('--passes') ?? 1);
/** The failure mix runs at one concurrency: enough to overlap sagas, little queueing. */
const MIX_LEVEL = 16;
const MIX: RandomFault[] = [
  { route: 'payer', probability: 0.1, fault: { kind: 'status', status: 409 } },
  { route: 'reserver_stock', probability: 0.05, fault: { kind: 'status', status: 503 } },
];

const t0 = Date.now();
const say = (m: string): boolean =>
  process.stderr.write(`[bench peers ${((Date.now() - t0) / 1000).toFixed(0)}s] ${m}\n`);

for (const name of CHOSEN) {
  if (!SYSTEMS.includes(name)) {
    throw new Error(`--systems: unknown ${name} (${SYSTEMS.join(', ')})`);
  }
}
if (LEVELS.some((l) => !Number.isInteger(l) || l < 1)) {
  throw new Error('--levels: positive integers');
}
if (!Number.isInteger(PASSES) || PASSES < 1) throw new Error('--passes: a positive integer');

/** The commit measured (a copy outside git says so). */
function commitOf(): string {
  try {
    return execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

/** Seconds of load before counting: long enough for the first sagas of a level to end. */
const rampFor = (level: number): number => 1 + level / 64;

async function measure(
  sys: RunningSystem,
  level: number,
  fake: FakeParticipants,
  mix: boolean,
): Promise<PeerRun> {
  let cpu0: Promise<number> | undefined;
  const r = await drive(sys.url, level, SECONDS, CLIENTS, {
    path: sys.path,
    cancellationsExpected: mix,
    rampSeconds: rampFor(level),
    onSteady: () => void (cpu0 = treeCpuSeconds(sys.pids)),
  });
  const cpu = (await treeCpuSeconds(sys.pids)) - ((await cpu0) ?? 0);
  await quiesce(sys); // sagas cut off by the end of the load finish before the next run
  fake.forgetCommandes();
  const run: PeerRun = {
    system: sys.name,
    concurrency: level,
    throughput: r.perSecond,
    p50_ms: r.p50,
    p95_ms: r.p95,
    p99_ms: r.p99,
    cpu_s_per_1000: r.ok > 0 ? (cpu * 1000) / r.ok : 0,
    errors: r.errors,
    refused: r.refused,
    confirmed: r.confirmed,
    cancelled: r.cancelled,
    ...(mix ? { mix: 'failures' as const } : {}),
  };
  say(
    `${mix ? 'mix ' : ''}c=${level} ${sys.name}: ${r.perSecond.toFixed(0)}/s, p50 ${r.p50.toFixed(1)} ms, ` +
      `p99 ${r.p99.toFixed(1)} ms, CPU ${run.cpu_s_per_1000.toFixed(2)} s/1000, errors ${r.errors}, refused ${r.refused}` +
      (mix ? `, confirmed ${r.confirmed}, cancelled ${r.cancelled}` : ''),
  );
  return run;
}

/** CPU a system burns over `ms`, as a share of one core. */
async function cpuShare(sys: RunningSystem, ms: number): Promise<number> {
  const before = await treeCpuSeconds(sys.pids);
  await new Promise((r) => setTimeout(r, ms));
  return ((await treeCpuSeconds(sys.pids)) - before) / (ms / 1000);
}

/** Waits (30 s at most) until the system is back to idle: no saga of the last run left. */
async function quiesce(sys: RunningSystem): Promise<void> {
  for (let i = 0; i < 60; i += 1) if ((await cpuShare(sys, 500)) < 0.2) return;
  say(`${sys.name} still busy 30 s after the load stopped`);
}

/** One system alone: same saga as the others, warm-up, each level, then the failure mix. */
async function sweep(sys: RunningSystem, fake: FakeParticipants, pass: number): Promise<PeerRun[]> {
  await checkConformance(sys, fake);
  await drive(sys.url, 16, WARM_UP_SECONDS, CLIENTS, { path: sys.path }); // JIT, pools, sockets
  await quiesce(sys);
  say(`${sys.name} idle: ${(100 * (await cpuShare(sys, 2000))).toFixed(1)}% of a core`);
  const runs: PeerRun[] = [];
  for (const level of LEVELS) runs.push(await measure(sys, level, fake, false));
  fake.setFaultMix(MIX, 11);
  runs.push(await measure(sys, MIX_LEVEL, fake, true));
  fake.setFaultMix([]);
  return runs.map((r) => ({ ...r, pass }));
}

/**
 * Each system alone in turn (so no other system's idle work lands in its CPU count or
 * steals its cores), over as many passes as asked, every other pass in reverse order so
 * that a noisy moment on this shared machine does not always hit the same system.
 */
async function passes(infra: SharedInfra, fake: FakeParticipants): Promise<PeerRun[]> {
  const runs: PeerRun[] = [];
  for (let pass = 1; pass <= PASSES; pass += 1) {
    for (const name of pass % 2 === 1 ? CHOSEN : [...CHOSEN].reverse()) {
      say(`pass ${pass}: starting ${name}`);
      const sys = await startSystem(name, infra);
      try {
        runs.push(...(await sweep(sys, fake, pass)));
      } finally {
        await sys.stop();
      }
    }
  }
  return runs;
}

async function main(): Promise<void> {
  if (CHOSEN.some((s) => s === 'dbos' || s === 'restate')) ensurePeersInstalled(say);
  const scratch = await mkdtemp(path.join(tmpdir(), 'bench-peers-'));
  say(`starting PostgreSQL and the participants (data in ${scratch})`);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-pg-')); // initdb runs as another user
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  const { fake, urls } = await startStandIns();
  let databases = 0;
  const infra: SharedInfra = {
    participants: urls,
    database: async (name) => {
      databases += 1; // each start its own: nothing left over for its recovery to resume
      await pg.ensureDatabase(`${name}_${databases}`);
      return pg.urlFor(`${name}_${databases}`);
    },
    postmasterPid: await postmasterPid(dataDir),
    scratch: (name) => mkdtemp(path.join(scratch, `${name}-`)),
  };
  try {
    const runs = await passes(infra, fake);
    const meta: Meta = {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      commit: commitOf(),
      seconds: SECONDS,
      mixLevel: MIX_LEVEL,
      date: new Date().toISOString(),
      versions: await peerVersions(pg.urlFor('postgres')),
    };
    process.stdout.write(`\n${peersTable(runs)}\n`);
    if (JSON_FILE) {
      await writeFile(JSON_FILE, `${JSON.stringify({ meta, runs }, null, 2)}\n`);
      say(`written: ${JSON_FILE}`);
    }
  } finally {
    await fake.stop();
    await pg.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
