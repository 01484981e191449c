/**
 * A closed-loop load of checkouts that behaves as the front does under overload: each
 * connection sends one checkout, waits for its answer, and after a 503 waits what
 * `Retry-After` says before it tries again (autocannon would fire the next request at once,
 * turning every refusal into a busy loop that eats the CPU the system is measured on).
 */
import http from 'node:http';

/** The p-th percentile of latencies already sorted ascending (0 when there are none). */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);

/** One checkout to send: its body, its headers, and what to do if it is refused. */
export interface Job {
  body: string;
  headers?: Record<string, string>;
  /** The checkout did nothing (503): hand its client back so that it is tried again. */
  refused?: () => void;
}

export interface LoadOptions {
  url: string;
  /** Where checkouts are posted (default /api/commande/checkout; Restate's ingress differs). */
  path?: string;
  /** The statuses of an expected end, whose latency is counted (default: 201). */
  isOk?: (status: number) => boolean;
  connections: number;
  /** Counted part, after the ramp. */
  seconds: number;
  rampSeconds: number;
  /** The next checkout; undefined when the clients ran out (the level stops early). */
  next: () => Job | undefined;
  /** Called when counting starts (e.g. to read CPU counters). */
  onSteady?: () => void;
}

export interface LoadOutcome {
  /** Expected ends counted (201 unless `isOk` says otherwise). */
  ok: number;
  /** 503 answers: refused before anything was done (admission, shutting down). */
  refused: number;
  /** Anything else: other statuses, sockets that failed, timeouts. */
  errors: number;
  perSecond: number;
  /** Latency of the expected ends, ms. */
  p50: number;
  p95: number;
  p99: number;
  /** How soon a refusal came back, ms (median). */
  refusedP50: number;
  /** The slowest first answer of a connection, counted or not: the level's connection storm. */
  firstMax: number;
  statuses: Record<string, number>;
  /** Seconds counted. */
  elapsed: number;
  /** The clients ran out before the time was up. */
  ranDry: boolean;
}

const REQUEST_TIMEOUT_MS = 30_000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Answer {
  status: number;
  retryAfterS: number;
}

function post(agent: http.Agent, url: URL, job: Job): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        timeout: REQUEST_TIMEOUT_MS,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(job.body),
          ...job.headers,
        },
      },
      (res) => {
        const retryAfterS = Number(res.headers['retry-after'] ?? 1);
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfterS }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(job.body);
  });
}

/** Drives `connections` loops for rampSeconds + seconds; counts answers of the last `seconds`. */
export async function driveLoad(o: LoadOptions): Promise<LoadOutcome> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const url = new URL(`${o.url}${o.path ?? '/api/commande/checkout'}`);
  const isOk = o.isOk ?? ((status: number) => status === 201);
  const latencies: number[] = [];
  const refusals: number[] = [];
  const statuses: Record<string, number> = {};
  const started = Date.now();
  const steadyAt = started + o.rampSeconds * 1000;
  const endAt = steadyAt + o.seconds * 1000;
  let ranDry = false;
  let steadyCalled = false;
  const steady = (): boolean => {
    if (Date.now() < steadyAt) return false;
    if (!steadyCalled) {
      steadyCalled = true;
      o.onSteady?.();
    }
    return true;
  };
  if (o.rampSeconds <= 0) steady();
  const timer = setTimeout(steady, Math.max(0, steadyAt - Date.now()));
  let ok = 0;
  const firsts: number[] = [];
  const count = (status: string, ms: number, inWindow: boolean): void => {
    if (!inWindow) return;
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (isOk(Number(status))) {
      ok += 1;
      latencies.push(ms);
    } else if (status === '503') refusals.push(ms);
  };
  const loop = async (): Promise<void> => {
    for (let first = true; Date.now() < endAt; first = false) {
      const job = o.next();
      if (job === undefined) {
        ranDry = true;
        return;
      }
      // Counted by when it was sent: within the window, followed to its answer. A checkout
      // sent during the ramp is not, whenever it ends (a connection's first one waits for
      // the server to accept it, which a saturated Node process does one per loop turn).
      const inWindow = steady() && Date.now() < endAt;
      const sent = performance.now();
      const answer = await post(agent, url, job).catch(() => undefined);
      const ms = performance.now() - sent;
      if (first) firsts.push(ms);
      if (answer === undefined) {
        count('error', ms, inWindow);
        continue;
      }
      count(String(answer.status), ms, inWindow);
      if (answer.status === 503) {
        job.refused?.();
        const wait = Math.max(0, Number.isFinite(answer.retryAfterS) ? answer.retryAfterS : 1);
        await sleep(Math.min(wait * 1000, Math.max(0, endAt - Date.now())));
      }
    }
  };
  await Promise.all(Array.from({ length: o.connections }, loop));
  clearTimeout(timer);
  agent.destroy();
  const elapsed = Math.max(0.001, (Math.min(Date.now(), endAt) - steadyAt) / 1000);
  latencies.sort((a, b) => a - b);
  refusals.sort((a, b) => a - b);
  firsts.sort((a, b) => a - b);
  const refused = statuses['503'] ?? 0;
  const answered = Object.values(statuses).reduce((s, n) => s + n, 0);
  return {
    ok,
    refused,
    errors: answered - ok - refused,
    perSecond: ok / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    refusedP50: percentile(refusals, 50),
    firstMax: firsts.at(-1) ?? 0,
    statuses,
    elapsed,
    ranDry,
  };
}
