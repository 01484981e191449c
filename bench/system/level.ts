/** One concurrency level of the whole-system bench, measured in steady state. */
import type { Knex } from 'knex';
import type { LoadResult } from '../measure.js';
import { drain, outcomes } from './commandes.js';
import { describeLevel, instant, type Mark, mark } from './diagnostics.js';
import { driveUnique } from './drive-unique.js';
import type { Window } from './log-summary.js';
import { childrenByService } from './procs.js';

export interface SystemRow {
  level: number;
  result: LoadResult;
  /** Orchestrator process CPU seconds per 1000 confirmed sagas. */
  cpuPer1000: number;
}

/** What a level needs from the running system. */
export interface LevelContext {
  orchUrl: string;
  supervisorPid: number;
  postmaster: number | undefined;
  orchDb: Knex;
  /** Loads `count` fresh clients with a cart; returns the first id. */
  prepare: (count: number) => Promise<number>;
  say: (m: string) => void;
}

/** A pool that runs dry is tripled this many times at most before the level counts anyway. */
const MAX_ATTEMPTS = 3;

/**
 * Drives `level` connections with a pool of fresh clients; if the pool ran dry before the
 * time was up the level is run again with three times as many.
 */
export async function measureLevel(
  ctx: LevelContext,
  level: number,
  seconds: number,
  ramp: number,
  initialPool: number,
): Promise<{ row: SystemRow; window: Window }> {
  const { say } = ctx;
  let pool = initialPool;
  for (let attempt = 1; ; attempt += 1) {
    // Looked up again each time: the supervisor restarts a child that dies.
    const services = await childrenByService(ctx.supervisorPid);
    const orchPid = services.get('orchestrateur');
    if (orchPid === undefined) throw new Error('no orchestrateur process found');
    const probe = { orchPid, services, postmaster: ctx.postmaster };
    const first = await ctx.prepare(pool);
    const early = instant();
    let steady: Promise<Mark> | undefined;
    const onSteady = (): void => void (steady = mark(probe));
    const result = await driveUnique(ctx.orchUrl, level, seconds, first, pool, ramp, onSteady);
    const end = await mark(probe);
    // Never steady (the load ended during the ramp): nothing counted, so no CPU either.
    const start = steady ? await steady : { ...end, ...early };
    await drain(ctx.orchDb, say);
    if (result.sent >= pool && attempt < MAX_ATTEMPTS) {
      say(`  c=${level}: the ${pool} clients ran out; again with more`);
      pool *= 3;
      continue;
    }
    const window = { level, from: start.at, to: Date.now() };
    const cpu = end.orch - start.orch;
    const row = { level, result, cpuPer1000: result.ok > 0 ? (cpu * 1000) / result.ok : 0 };
    const commandes = await outcomes(ctx.orchDb, first, first + pool - 1);
    for (const line of describeLevel(level, ramp, result, commandes, start, end)) say(line);
    return { row, window };
  }
}
