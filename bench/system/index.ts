/**
 * The whole system next to the orchestrator alone, in one run. The whole system is the
 * `npm start` topology (supervisor, orchestrator and the real services as child processes,
 * one database each, identity checked: every checkout carries its client's token) on a
 * throw-away PostgreSQL; the orchestrator alone is the same orchestrator against the bench's
 * in-memory participants, on a database of that same server. At each concurrency the
 * orchestrator alone is measured, then the whole system, so that their ratio is that of one
 * moment of this shared machine. Diagnostics go to `say`.
 */
import { readFile } from 'node:fs/promises';
import { createDb } from '../../src/lib/db.js';
import { spawnOrchestrateur } from '../../test/support/child-orchestrateur.js';
import { CLIENTS, startStandIns } from '../stand-ins.js';
import { type Booted, boot, newTopology, stopDatabase, stopSystem, type Topology } from './boot.js';
import { drain } from './commandes.js';
import { type SystemRun, measureLevel, type Target } from './level.js';
import { driveLoad, type Job } from '../load.js';
import { summariseLogs, type Window } from './log-summary.js';
import { childrenByService } from './procs.js';
import { clientPool } from './seed.js';
import { SYSTEM_SERVICES } from '../../src/system/config.js';

export type { SystemRun } from './level.js';

export interface SystemBenchOptions {
  levels: number[];
  seconds: number;
  /** Load before the first level, on each system, so that every level measures warm code. */
  warmSeconds: number;
  say: (m: string) => void;
}

/** First guess of the whole system's checkouts per second, before anything is measured. */
const INITIAL_RATE = 150;
/** Longest ramp before a level is counted. */
const MAX_RAMP_S = 8;

const checkoutBody = (clientId: number): string =>
  JSON.stringify({ client_id: clientId, magasin_id: 1 });

/** The whole system: fresh clients, each with its token, one checkout each (again if refused). */
function wholeTarget(b: Booted, say: (m: string) => void): Target {
  const prepare = clientPool(b.dbs, say, `http://127.0.0.1:${b.run.ports.auth}`);
  const supervisor = b.run.supervisor.pid ?? 0;
  return {
    system: 'whole',
    url: b.orchUrl,
    orchDb: b.dbs.orchestrateur,
    say,
    probe: async () => {
      const all = await childrenByService(supervisor);
      // `services`: the process that runs every service but the orchestrator (shared).
      const ours = [...all].filter(([name]) => [...SYSTEM_SERVICES, 'services'].includes(name));
      return { services: new Map(ours), postmaster: b.postmaster };
    },
    jobs: async (count) => {
      const { first, tokens } = await prepare(count);
      const again: number[] = [];
      let sent = 0;
      return (): Job | undefined => {
        const i = again.pop() ?? (sent < count ? sent++ : undefined);
        if (i === undefined) return undefined;
        const token = tokens?.[i];
        return {
          body: checkoutBody(first + i),
          headers: token ? { authorization: `Bearer ${token}` } : {},
          refused: () => again.push(i),
        };
      };
    },
  };
}

/** The orchestrator alone against the stand-ins (identity off: no auth service to ask). */
async function aloneTarget(t: Topology, postmaster: number | undefined, say: (m: string) => void) {
  const { fake, urls } = await startStandIns();
  const pg = t.pg as NonNullable<Topology['pg']>;
  await pg.ensureDatabase('orchestrateur_seul');
  const url = pg.urlFor('orchestrateur_seul');
  const orch = await spawnOrchestrateur({ ...urls, DATABASE_URL: url, AUTH_REQUIRED: 'false' });
  const orchDb = createDb({ url, poolMax: 2, applicationName: 'bench-system' });
  const pid = orch.proc.pid ?? 0;
  const target: Target = {
    system: 'orchestrateur',
    url: orch.url,
    orchDb,
    say,
    probe: () => Promise.resolve({ services: new Map([['orchestrateur', pid]]), postmaster }),
    jobs: () =>
      Promise.resolve(() => ({ body: checkoutBody(1 + Math.floor(Math.random() * CLIENTS)) })),
  };
  const stop = async (): Promise<void> => {
    orch.proc.kill('SIGTERM');
    await orch.exited;
    await orchDb.destroy();
    await fake.stop();
  };
  return { target, stop };
}

/**
 * A closed loop of 16 connections for `seconds`. V8 optimises a function once it has run
 * enough, and the whole system spreads a checkout's code over eight processes, each seeing a
 * fifth of the calls the orchestrator alone sees: without this, its first levels would
 * measure TurboFan compiling (a quarter of the machine in the first 10 s of load).
 */
async function warm(t: Target, seconds: number, count: number): Promise<void> {
  const started = Date.now();
  const next = await t.jobs(count);
  await driveLoad({ url: t.url, connections: 16, seconds, rampSeconds: 0, next });
  await drain(t.orchDb, t.say);
  t.say(`${t.system} warmed for ${seconds} s (${Date.now() - started} ms with its clients)`);
}

/** Each level in turn, the orchestrator alone then the whole system. */
async function runLevels(
  whole: Target,
  alone: Target,
  opts: SystemBenchOptions,
  windows: Window[],
) {
  const { seconds, warmSeconds } = opts;
  await warm(alone, warmSeconds, 0);
  await warm(whole, warmSeconds, Math.ceil(INITIAL_RATE * warmSeconds));
  const runs: SystemRun[] = [];
  let bestRate = 0;
  for (const level of opts.levels) {
    // Long enough for the first requests of the level to come back (latency ~ level / rate).
    const ramp =
      level <= 1 ? 0 : Math.min(MAX_RAMP_S, Math.ceil((1.5 * level) / Math.max(bestRate, 20)));
    runs.push(await measureLevel(alone, level, seconds, ramp, 0));
    const rate = Math.max(INITIAL_RATE, 1.5 * bestRate);
    const count = Math.ceil(rate * (ramp + seconds)) + 2 * level;
    const from = Date.now();
    const run = await measureLevel(whole, level, seconds, ramp, count);
    windows.push({ level, from, to: Date.now() });
    bestRate = Math.max(bestRate, run.throughput);
    runs.push(run);
  }
  return runs;
}

export async function benchSystem(opts: SystemBenchOptions): Promise<SystemRun[]> {
  const { say } = opts;
  const t = await newTopology();
  const windows: Window[] = [];
  let failed = true;
  let alone: Awaited<ReturnType<typeof aloneTarget>> | undefined;
  try {
    const b = await boot(t, say);
    say(`system ready in ${Date.now() - b.startedAt} ms; starting the orchestrator alone`);
    alone = await aloneTarget(t, b.postmaster, say);
    const runs = await runLevels(wholeTarget(b, say), alone.target, opts, windows);
    failed = false;
    return runs;
  } finally {
    try {
      await alone?.stop();
      await stopSystem(t, say);
      const logs = await readFile(t.logFile, 'utf8').catch(() => '');
      for (const line of summariseLogs(logs, windows)) say(`  log: ${line}`);
    } finally {
      await stopDatabase(t, say, failed);
    }
  }
}
