/**
 * The whole system under load: the `npm start` topology (supervisor, orchestrator and the six
 * real services as child processes, one database each) on free ports with a throw-away
 * PostgreSQL, driven with checkouts that all confirm. Each request uses a client of its own,
 * because a real checkout empties the cart it paid for. Diagnostics go to `say`.
 */
import { readFile } from 'node:fs/promises';
import { type Booted, boot, newTopology, stopDatabase, stopSystem } from './boot.js';
import { drain } from './commandes.js';
import { driveUnique } from './drive-unique.js';
import { type LevelContext, measureLevel, type SystemRow } from './level.js';
import { summariseLogs, type Window } from './log-summary.js';
import { clientPool } from './seed.js';

export type { SystemRow } from './level.js';
export { driveUnique, type UniqueLoadResult } from './drive-unique.js';

export interface SystemBenchOptions {
  levels: number[];
  seconds: number;
  say: (m: string) => void;
}

/** First guess of the checkouts per second a level can reach, before anything is measured. */
const INITIAL_RATE = 400;
/** Longest ramp before a level is counted (see driveUnique). */
const MAX_RAMP_S = 12;

/** Each level in turn, its ramp and client pool sized from the best rate seen so far. */
async function runLevels(b: Booted, opts: SystemBenchOptions, windows: Window[]) {
  const { say, seconds } = opts;
  const ctx: LevelContext = {
    orchUrl: b.orchUrl,
    supervisorPid: b.run.supervisor.pid ?? 0,
    postmaster: b.postmaster,
    orchDb: b.dbs.orchestrateur,
    prepare: clientPool(b.dbs, say),
    say,
  };
  say(`system ready in ${Date.now() - b.startedAt} ms; warming up`);
  const warm = 16 * 2 * 2;
  await driveUnique(ctx.orchUrl, 16, 1, await ctx.prepare(warm), warm);
  await drain(ctx.orchDb, say);

  const rows: SystemRow[] = [];
  let bestRate = 0;
  for (const level of opts.levels) {
    // Long enough for the first requests of the level to come back (latency ~ level / rate).
    const ramp =
      level <= 1 ? 0 : Math.min(MAX_RAMP_S, Math.ceil((1.5 * level) / Math.max(bestRate, 5)));
    const rateGuess = Math.max(INITIAL_RATE, 2 * bestRate);
    const pool = Math.ceil(rateGuess * (ramp + seconds) * 1.5) + 2 * level;
    const { row, window } = await measureLevel(ctx, level, seconds, ramp, pool);
    windows.push(window);
    bestRate = Math.max(bestRate, row.result.perSecond);
    rows.push(row);
  }
  return rows;
}

export async function benchWholeSystem(opts: SystemBenchOptions): Promise<SystemRow[]> {
  const { say } = opts;
  const t = await newTopology();
  const windows: Window[] = [];
  let failed = true;
  try {
    const rows = await runLevels(await boot(t, say), opts, windows);
    failed = false;
    return rows;
  } finally {
    try {
      await stopSystem(t, say);
      const logs = await readFile(t.logFile, 'utf8').catch(() => '');
      for (const line of summariseLogs(logs, windows)) say(`  log: ${line}`);
    } finally {
      await stopDatabase(t, say, failed);
    }
  }
}
