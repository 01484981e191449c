/** One concurrency level of one system (whole, or the orchestrator alone), in steady state. */
import type { Knex } from 'knex';
import { drain, outcomes } from './commandes.js';
import { describeLevel, instant, type Mark, mark, type Probe } from './diagnostics.js';
import { driveLoad, type Job, type LoadOutcome } from '../load.js';

export type SystemName = 'whole' | 'orchestrateur';

/** One line of `--system --json`: the fields the issue names, plus p95 and the statuses. */
export interface SystemRun {
  system: SystemName;
  concurrency: number;
  throughput: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  /** 503 answers (admission): refused at once, never an error. */
  refused: number;
  errors: number;
  /** CPU of every process of the system (its PostgreSQL included), per 1000 confirmed. */
  cpu_s_per_1000: number;
  /** The same, process by process (PostgreSQL as `postgres`). */
  cpu_by_process: Record<string, number>;
  statuses: Record<string, number>;
}

/** Where one system answers and how to read its CPU. */
export interface Target {
  system: SystemName;
  url: string;
  /** Looked up again before each level: the supervisor restarts a child that dies. */
  probe: () => Promise<Probe>;
  /** The database whose commandes tell how the level ended (and when it has drained). */
  orchDb: Knex;
  /** A source of checkouts for about `count` requests (undefined once they run out). */
  jobs: (count: number) => Promise<() => Job | undefined>;
  say: (m: string) => void;
}

/** A pool that runs dry is tripled this many times at most before the level counts anyway. */
const MAX_ATTEMPTS = 3;

const cpuPer1000 = (start: Mark, end: Mark, ok: number): Record<string, number> =>
  Object.fromEntries(
    [...end.all].map(([name, c]) => [
      name,
      ok > 0 ? ((c - (start.all.get(name) ?? 0)) * 1000) / ok : 0,
    ]),
  );

function toRun(system: SystemName, level: number, r: LoadOutcome, start: Mark, end: Mark) {
  const byProcess = cpuPer1000(start, end, r.ok);
  const run: SystemRun = {
    system,
    concurrency: level,
    throughput: r.perSecond,
    p50_ms: r.p50,
    p95_ms: r.p95,
    p99_ms: r.p99,
    refused: r.refused,
    errors: r.errors,
    cpu_s_per_1000: Object.values(byProcess).reduce((s, c) => s + c, 0),
    cpu_by_process: byProcess,
    statuses: r.statuses,
  };
  return run;
}

/** Drives `level` connections for ramp + seconds and reads every process's CPU meanwhile. */
export async function measureLevel(
  t: Target,
  level: number,
  seconds: number,
  ramp: number,
  initialCount: number,
): Promise<SystemRun> {
  let count = initialCount;
  for (let attempt = 1; ; attempt += 1) {
    const probe = await t.probe();
    const next = await t.jobs(count);
    const since = new Date();
    const early = instant();
    let steady: Promise<Mark> | undefined;
    const onSteady = (): void => void (steady = mark(probe));
    const opts = { url: t.url, connections: level, seconds, rampSeconds: ramp, onSteady };
    const result = await driveLoad({ ...opts, next });
    const end = await mark(probe);
    // Never steady (the load ended during the ramp): nothing counted, so no CPU either.
    const start = steady ? await steady : { ...end, ...early };
    await drain(t.orchDb, t.say);
    if (result.ranDry && attempt < MAX_ATTEMPTS) {
      t.say(`  ${t.system} c=${level}: the ${count} clients ran out; again with more`);
      count *= 3;
      continue;
    }
    const ended = await outcomes(t.orchDb, since);
    for (const line of describeLevel(`${t.system} c=${level}`, ramp, result, ended, start, end)) {
      t.say(line);
    }
    return toRun(t.system, level, result, start, end);
  }
}
