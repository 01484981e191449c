import autocannon from 'autocannon';
import { type LoadResult, percentile } from '../measure.js';

export interface UniqueLoadResult extends LoadResult {
  /** Client ids handed out (at most `count`); all of them: the pool ran dry. */
  sent: number;
  /** Wall time autocannon actually ran, in seconds (perSecond is ok / elapsed). */
  elapsed: number;
  /** Responses by HTTP status, plus `error` for socket errors and timeouts. */
  statuses: Record<string, number>;
}

/** One checkout per client id, in order: a real checkout empties the cart it paid for. */
function checkoutOptions(
  url: string,
  connections: number,
  duration: number,
  nextClient: () => number,
  count: number,
): autocannon.Options {
  return {
    url: `${url}/api/commande/checkout`,
    connections: Math.min(connections, count),
    duration,
    // Past the orchestrator's 10 s budget (it answers 202 then): see its answer, not ours.
    timeout: 30,
    // Split over the connections: none of them goes past its share of the pool.
    maxOverallRequests: count,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({ client_id: nextClient(), magasin_id: 1 }),
        }),
      },
    ],
  };
}

/**
 * Drives checkouts, each with a client id of its own taken in order from
 * [firstClient, firstClient + count): never more than `count` requests (autocannon stops
 * early when the pool runs dry). Only 201 counts as ok.
 *
 * The load runs for `rampSeconds + seconds`; only responses that arrive in the last
 * `seconds` are counted, so a level whose latency is longer than the window is measured
 * in steady state rather than while its first requests are still on their way.
 * `onSteady` is called when the counted part begins (e.g. to read CPU counters).
 */
export async function driveUnique(
  url: string,
  connections: number,
  seconds: number,
  firstClient: number,
  count: number,
  rampSeconds = 0,
  onSteady?: () => void,
): Promise<UniqueLoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let sent = 0;
  let errors = 0;
  let rampErrors = 0;
  let steady = rampSeconds <= 0;
  let steadyAt = Date.now();
  const nextClient = (): number => {
    const clientId = firstClient + Math.min(sent, count - 1);
    sent += 1;
    return clientId;
  };
  const opts = checkoutOptions(url, connections, rampSeconds + seconds, nextClient, count);
  if (steady) onSteady?.();
  const ramp = steady
    ? undefined
    : setTimeout(() => {
        steady = true;
        steadyAt = Date.now();
        onSteady?.();
      }, rampSeconds * 1000);
  await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(opts, (err, res) => (err ? reject(err as Error) : resolve(res)));
    instance.on('reqError', () => {
      if (steady) errors += 1;
      else rampErrors += 1;
    });
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (!steady) return;
      latencies.push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 201) ok += 1;
    });
  });
  clearTimeout(ramp);
  const elapsed = steady ? (Date.now() - steadyAt) / 1000 : 0;
  latencies.sort((a, b) => a - b);
  // Socket errors and timeouts, in the counted part and during the ramp.
  if (errors > 0) statuses.error = errors;
  if (rampErrors > 0) statuses.rampError = rampErrors;
  return {
    connections,
    seconds,
    ok,
    confirmed: ok,
    cancelled: statuses['409'] ?? 0,
    errors: latencies.length - ok + errors,
    perSecond: elapsed > 0 ? ok / elapsed : 0,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    sent: Math.min(sent, count),
    elapsed,
    statuses,
  };
}
