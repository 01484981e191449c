import { monitorEventLoopDelay } from 'node:perf_hooks';
import { collectDefaultMetrics, Gauge, type Registry } from 'prom-client';

/**
 * How often the event loop's delay is sampled. prom-client samples every 10 ms by default:
 * a timer that wakes every process 100 times a second, busy or idle, which on a host running
 * nine of them was about one context switch in ten of a checkout's. 100 ms still sees any
 * stall worth a graph (the histogram keeps every sample until the scrape reads it).
 */
export const LAG_SAMPLE_MS = 100;
/** prom-client's own sampler, kept only because it cannot be turned off: once a second. */
const LIBRARY_SAMPLE_MS = 1_000;

const STATS = {
  min: (h: Histogram) => h.min,
  max: (h: Histogram) => h.max,
  mean: (h: Histogram) => h.mean,
  stddev: (h: Histogram) => h.stddev,
  p50: (h: Histogram) => h.percentile(50),
  p90: (h: Histogram) => h.percentile(90),
  p99: (h: Histogram) => h.percentile(99),
} as const;
type Histogram = ReturnType<typeof monitorEventLoopDelay>;
type Stat = keyof typeof STATS;

/**
 * The delay a sample saw beyond its own interval, in seconds. Node records the whole time
 * between two ticks of the sampling timer, so prom-client's gauges read 10 ms on an idle
 * process; these read what the loop was late by.
 */
const lateBy = (recordedNs: number, stddev: boolean): number =>
  stddev ? recordedNs / 1e9 : Math.max(0, recordedNs / 1e6 - LAG_SAMPLE_MS) / 1e3;

/**
 * Node's default metrics (CPU, memory, heap, GC, handles) from prom-client, with its event
 * loop delay gauges (`nodejs_eventloop_lag_<stat>_seconds`) replaced by ones sampled every
 * LAG_SAMPLE_MS that report the delay itself; `nodejs_eventloop_lag_seconds`, measured at
 * each scrape, stays prom-client's.
 */
export function collectRuntimeMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: LIBRARY_SAMPLE_MS });
  const histogram = monitorEventLoopDelay({ resolution: LAG_SAMPLE_MS });
  histogram.enable();
  const gauges = new Map<Stat, Gauge>();
  const names = Object.keys(STATS) as Stat[];
  for (const stat of names) {
    const name = `nodejs_eventloop_lag_${stat}_seconds`;
    registry.removeSingleMetric(name);
    gauges.set(
      stat,
      new Gauge({
        name,
        help: `The ${stat} of the event loop delays sampled since the last scrape.`,
        registers: [registry],
        // The first gauge read at a scrape sets them all from one window, then starts the next.
        ...(stat === names[0] ? { collect: () => readAll(histogram, gauges) } : {}),
      }),
    );
  }
}

function readAll(histogram: Histogram, gauges: Map<Stat, Gauge>): void {
  if (histogram.count === 0) return; // nothing sampled since the last scrape: keep the values
  for (const [stat, gauge] of gauges) {
    gauge.set(lateBy(STATS[stat](histogram), stat === 'stddev'));
  }
  histogram.reset();
}
