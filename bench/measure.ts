import { readFile } from 'node:fs/promises';
import { driveLoad } from './load.js';

const TICKS = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used so far. */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** Peak resident memory of a process, in MiB. */
export async function peakMemoryMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

export interface LoadResult {
  connections: number;
  seconds: number;
  /** Sagas that ended as expected: confirmed, plus cancelled ones when they are expected. */
  ok: number;
  confirmed: number;
  cancelled: number;
  /** 503 answers (admission): refused before anything was done, not errors. */
  refused: number;
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

export { percentile } from './load.js';

export interface DriveOptions {
  /** Where checkouts are posted (Restate's ingress names the handler). */
  path?: string;
  /** A failure mix: a 409 (cancelled by a refusal, compensated) is an expected end. */
  cancellationsExpected?: boolean;
  /**
   * Load first for this long without counting: at high concurrency a saga can take longer
   * than a short window, which would then count almost nothing. `onSteady` is called when
   * counting starts (e.g. to read CPU counters).
   */
  rampSeconds?: number;
  onSteady?: () => void;
}

/**
 * Drives checkouts for a fixed time (after the ramp, if any), each connection waiting for its
 * answer, and after a 503 what Retry-After says (load.ts); latencies are kept whole to
 * compute p95 exactly. A 2xx is a confirmed saga, a 409 a cancelled one, a 503 a refusal,
 * anything else an error.
 */
export async function drive(
  url: string,
  connections: number,
  seconds: number,
  clients: number,
  options: DriveOptions = {},
): Promise<LoadResult> {
  const cancellations = options.cancellationsExpected === true;
  const r = await driveLoad({
    url,
    ...(options.path === undefined ? {} : { path: options.path }),
    connections,
    seconds,
    rampSeconds: options.rampSeconds ?? 0,
    ...(options.onSteady === undefined ? {} : { onSteady: options.onSteady }),
    isOk: (status) => (status >= 200 && status < 300) || (cancellations && status === 409),
    next: () => ({
      body: JSON.stringify({ client_id: 1 + Math.floor(Math.random() * clients), magasin_id: 1 }),
    }),
  });
  const count = (pick: (status: number) => boolean): number =>
    Object.entries(r.statuses).reduce((n, [s, k]) => n + (pick(Number(s)) ? k : 0), 0);
  const confirmed = count((s) => s >= 200 && s < 300);
  return {
    connections,
    seconds,
    ok: r.ok,
    confirmed,
    cancelled: count((s) => s === 409),
    refused: r.refused,
    errors: r.errors,
    perSecond: r.perSecond,
    p50: r.p50,
    p95: r.p95,
    p99: r.p99,
  };
}

/** Resident memory of a process now, in MiB. */
export async function residentMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** A load run with the CPU a process spent during it. */
export type ProcessRun = LoadResult & { cpuPer1000: number };

/**
 * Drives checkouts at `url` for `seconds` (no ramp, counted from the first request) and reads
 * the CPU process `pid` used meanwhile, in seconds per 1000 sagas that ended as expected.
 */
export async function driveCounting(
  url: string,
  pid: number,
  level: number,
  seconds: number,
  clients: number,
): Promise<ProcessRun> {
  const cpu0 = await cpuSeconds(pid);
  const result = await drive(url, level, seconds, clients);
  const cpu = (await cpuSeconds(pid)) - cpu0;
  return { ...result, cpuPer1000: result.ok > 0 ? (cpu * 1000) / result.ok : 0 };
}
