import type { ProcessRun } from '../measure.js';
import { markdownTable } from '../report.js';
import type { Received } from './otlp-sink.js';

/** off: no endpoint (the default); on: every saga traced, exported; baseline: the orchestrator of the checkout given by --baseline. */
export type TracingMode = 'off' | 'on' | 'baseline';

export interface TracingRun extends ProcessRun {
  mode: TracingMode;
  pass: number;
  received: Received;
}

export interface TracingMeta {
  cores: number;
  cpu: string;
  node: string;
  commit: string;
  seconds: number;
  passes: number;
  date: string;
  /** 1-minute load average before and after the run (the machine is shared). */
  load: [number, number];
}

/** The request span: one per traced checkout (those cut off by the end of a run included). */
export const CHECKOUT_SPAN = 'POST /api/commande/checkout';
const tracedSagas = (r: TracingRun): number => r.received.byName[CHECKOUT_SPAN] ?? 0;
const responses = (r: TracingRun): number => r.confirmed + r.cancelled + r.errors;

const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

/** One (level, mode) over every pass: the median of each figure. */
export interface Cell {
  perSecond: number;
  p50: number;
  p99: number;
  cpuPer1000: number;
  errors: number;
  spansPerSaga: number;
  exportsPerSecond: number;
}

export function cellOf(runs: readonly TracingRun[]): Cell {
  const m = (f: (r: TracingRun) => number): number => median(runs.map(f));
  return {
    perSecond: m((r) => r.perSecond),
    p50: m((r) => r.p50),
    p99: m((r) => r.p99),
    cpuPer1000: m((r) => r.cpuPer1000),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    // Per saga driven, or per traced one where a run's last sagas ended after it (100 %).
    spansPerSaga: m((r) => r.received.spans / Math.max(1, tracedSagas(r), responses(r))),
    exportsPerSecond: m((r) => r.received.requests / r.seconds),
  };
}

const f1 = (n: number): string => n.toFixed(1);
const f2 = (n: number): string => n.toFixed(2);

/** The markdown table: a line per level and mode, then on against off. */
export function tracingTable(runs: readonly TracingRun[]): string {
  const head =
    '| concurrency | tracing | sagas /s | p50 ms | p99 ms | CPU s / 1000 sagas | errors | spans / saga | exports /s |\n' +
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|';
  const rows: (string | number)[][] = [];
  for (const level of [...new Set(runs.map((r) => r.connections))]) {
    const cells = new Map<TracingMode, Cell>();
    for (const mode of ['baseline', 'off', 'on'] as const) {
      const of = runs.filter((r) => r.connections === level && r.mode === mode);
      if (of.length === 0) continue;
      const c = cellOf(of);
      cells.set(mode, c);
      rows.push([level, mode, c.perSecond.toFixed(0), f1(c.p50), f1(c.p99), f2(c.cpuPer1000)]);
      rows.at(-1)?.push(c.errors, f1(c.spansPerSaga), f1(c.exportsPerSecond));
    }
    const on = cells.get('on');
    const off = cells.get('off');
    if (on && off) rows.push([level, '**on / off**', ...ratios(on, off)]);
  }
  return markdownTable(head, rows);
}

/** Throughput and CPU as ratios, latency as differences, and the CPU each span costs. */
function ratios(on: Cell, off: Cell): string[] {
  const extraMsPerSaga = on.cpuPer1000 - off.cpuPer1000; // s per 1000 sagas = ms per saga
  const perSpanUs = on.spansPerSaga > 0 ? (extraMsPerSaga * 1000) / on.spansPerSaga : 0;
  const sign = (n: number): string => (n >= 0 ? `+${f1(n)}` : f1(n));
  return [
    `${f2(on.perSecond / Math.max(1e-9, off.perSecond))} ×`,
    sign(on.p50 - off.p50),
    sign(on.p99 - off.p99),
    `${f2(on.cpuPer1000 / Math.max(1e-9, off.cpuPer1000))} ×`,
    '',
    `${f1(perSpanUs)} µs CPU / exported span`,
    '',
  ];
}

/** Spans per saga by name over the traced runs (what a saga's trace is made of). */
export function spansByName(runs: readonly TracingRun[]): string {
  const on = runs.filter((r) => r.mode === 'on');
  const sagas = Math.max(
    1,
    on.reduce((n, r) => n + tracedSagas(r), 0),
  );
  const totals: Record<string, number> = {};
  for (const r of on)
    for (const [name, n] of Object.entries(r.received.byName)) {
      const kind = name.replace(/\/\d+(?=\/|$)/g, '/:id'); // a client's ids: one name per route
      totals[kind] = (totals[kind] ?? 0) + n;
    }
  return Object.entries(totals)
    .sort(([, a], [, b]) => b - a)
    .map(([name, n]) => `${name}: ${(n / sagas).toFixed(2)}`)
    .join(', ');
}
