import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';

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
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

/** The p-th percentile of latencies already sorted ascending (0 when there are none). */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);

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
 * Drives checkouts for a fixed time (after the ramp, if any); latencies are kept whole to
 * compute p95 exactly. A 2xx is a confirmed saga, a 409 a cancelled one, anything else an
 * error.
 */
export async function drive(
  url: string,
  connections: number,
  seconds: number,
  clients: number,
  options: DriveOptions = {},
): Promise<LoadResult> {
  const latencies: number[] = [];
  let confirmed = 0;
  let cancelled = 0;
  let bad = 0;
  let steadyErrors = 0;
  const ramp = options.rampSeconds ?? 0;
  let steadyAt = 0;
  const onSteady = (): void => {
    steadyAt = Date.now();
    options.onSteady?.();
  };
  const opts: autocannon.Options = {
    url: `${url}${options.path ?? '/api/commande/checkout'}`,
    connections,
    duration: ramp + seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({
            client_id: 1 + Math.floor(Math.random() * clients),
            magasin_id: 1,
          }),
        }),
      },
    ],
  };
  if (ramp <= 0) onSteady();
  const timer = ramp > 0 ? setTimeout(onSteady, ramp * 1000) : undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(opts, (err, res) => (err ? reject(err as Error) : resolve(res)));
    instance.on('reqError', () => void (steadyAt > 0 && (steadyErrors += 1)));
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (steadyAt === 0) return; // still ramping
      latencies.push(ms);
      if (status >= 200 && status < 300) confirmed += 1;
      else if (status === 409) cancelled += 1;
      else bad += 1;
    });
  });
  clearTimeout(timer);
  const counted = ramp > 0 ? (Date.now() - steadyAt) / 1000 : Math.max(seconds, result.duration);
  latencies.sort((a, b) => a - b);
  const ok = confirmed + (options.cancellationsExpected ? cancelled : 0);
  const unexpected = options.cancellationsExpected ? 0 : cancelled;
  return {
    connections,
    seconds,
    ok,
    confirmed,
    cancelled,
    // autocannon's errors include its timeouts; with a ramp, only those after it count.
    errors: bad + unexpected + (ramp > 0 ? steadyErrors : result.errors),
    perSecond: counted > 0 ? ok / counted : 0,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
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
