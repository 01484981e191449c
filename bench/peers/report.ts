/** Tables and chart of a peers comparison, from its runs (what `--json` writes). */
import { markdownTable } from '../report.js';
import type { SystemName } from './systems.js';

/** One measurement: one system at one concurrency (or under the failure mix). */
export interface PeerRun {
  system: SystemName;
  concurrency: number;
  /** Sagas per second that ended as expected (confirmed; under the mix, cancelled too). */
  throughput: number;
  p50_ms: number;
  p95_ms?: number;
  p99_ms: number;
  /** CPU seconds of all the system's processes (database included) per 1000 such sagas. */
  cpu_s_per_1000: number;
  errors: number;
  /** 503 answers (admission), refused before anything was done: not errors. */
  refused?: number;
  confirmed?: number;
  cancelled?: number;
  mix?: 'failures';
  /** Which pass of the run (each system measured once per pass). */
  pass?: number;
}

export interface Meta {
  cores: number;
  cpu: string;
  commit: string;
  seconds: number;
  mixLevel: number;
  date: string;
  versions: Record<string, string>;
}

export const ORDER: readonly SystemName[] = ['orchestrateur', 'floor', 'dbos', 'restate'];
export const LABEL: Record<SystemName, string> = {
  orchestrateur: 'this orchestrator',
  floor: 'floor (nothing persisted)',
  dbos: 'DBOS Transact',
  restate: 'Restate',
};

const f0 = (n: number): string => n.toFixed(0);
const f1 = (n: number): string => n.toFixed(1);
const f2 = (n: number): string => n.toFixed(2);
const ratio = (a: number, b: number): string => (b > 0 ? `${f2(a / b)}×` : '—');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

/** One run per system and load: the median of its passes (errors and counts added up). */
export function combinePasses(runs: readonly PeerRun[]): PeerRun[] {
  const byKey = new Map<string, PeerRun[]>();
  for (const r of runs) {
    const key = `${r.system}/${r.concurrency}/${r.mix ?? ''}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  return [...byKey.values()].map((rs) => {
    const { pass: _pass, ...first } = rs[0] as PeerRun;
    const m = (f: (r: PeerRun) => number | undefined): number => median(rs.map((r) => f(r) ?? 0));
    const sum = (f: (r: PeerRun) => number | undefined): number =>
      rs.reduce((t, r) => t + (f(r) ?? 0), 0);
    return {
      ...first,
      throughput: m((r) => r.throughput),
      p50_ms: m((r) => r.p50_ms),
      p95_ms: m((r) => r.p95_ms),
      p99_ms: m((r) => r.p99_ms),
      cpu_s_per_1000: m((r) => r.cpu_s_per_1000),
      errors: sum((r) => r.errors),
      refused: sum((r) => r.refused),
      confirmed: sum((r) => r.confirmed),
      cancelled: sum((r) => r.cancelled),
    };
  });
}

const byOrder = (a: PeerRun, b: PeerRun): number =>
  ORDER.indexOf(a.system) - ORDER.indexOf(b.system);

/** Runs grouped by concurrency (the mix last), systems in ORDER within each group. */
export function groups(runs: readonly PeerRun[]): { key: string; runs: PeerRun[] }[] {
  const keyOf = (r: PeerRun): string => (r.mix ? `mix c=${r.concurrency}` : `c=${r.concurrency}`);
  const keys = [...new Set(runs.filter((r) => !r.mix).map((r) => r.concurrency))]
    .sort((a, b) => a - b)
    .map((c) => `c=${c}`);
  for (const r of runs) if (r.mix && !keys.includes(keyOf(r))) keys.push(keyOf(r));
  return keys.map((key) => ({ key, runs: runs.filter((r) => keyOf(r) === key).sort(byOrder) }));
}

/** Orchestrator ÷ this system: throughput (higher is better for us), p99 and CPU (lower is). */
function versus(orch: PeerRun | undefined, r: PeerRun): string {
  if (!orch || r.system === 'orchestrateur') return '—';
  return [
    ratio(orch.throughput, r.throughput),
    ratio(orch.p99_ms, r.p99_ms),
    ratio(orch.cpu_s_per_1000, r.cpu_s_per_1000),
  ].join(' · ');
}

/** The runs (passes combined) as a markdown table, grouped by load. */
export function peersTable(all: readonly PeerRun[]): string {
  const runs = combinePasses(all);
  const head =
    '| load | system | sagas /s | p50 ms | p99 ms | CPU s / 1000 sagas | errors (refused) | confirmed / cancelled | orchestrator ÷ this: /s · p99 · CPU |\n' +
    '|---|---|---:|---:|---:|---:|---:|---:|---|';
  const lines = groups(runs).flatMap(({ key, runs: rs }) => {
    const orch = rs.find((r) => r.system === 'orchestrateur');
    return rs.map((r) => [
      key,
      LABEL[r.system],
      f0(r.throughput),
      f1(r.p50_ms),
      f1(r.p99_ms),
      f2(r.cpu_s_per_1000),
      `${r.errors} (${r.refused ?? 0})`,
      `${r.confirmed ?? '?'} / ${r.cancelled ?? '?'}`,
      versus(orch, r),
    ]);
  });
  return markdownTable(head, lines);
}

const COLORS: Record<SystemName, string> = {
  orchestrateur: '#2f80ed',
  floor: '#9aa5b1',
  dbos: '#27ae60',
  restate: '#eb5757',
};

interface Panel {
  title: string;
  value: (r: PeerRun) => number;
  digits: number;
}

const PANELS: Panel[] = [
  { title: 'Sagas per second (higher is better)', value: (r) => r.throughput, digits: 0 },
  { title: 'p99 latency, ms (lower is better)', value: (r) => r.p99_ms, digits: 0 },
  {
    title: 'CPU seconds per 1000 sagas, all processes (lower is better)',
    value: (r) => r.cpu_s_per_1000,
    digits: 1,
  },
];

const W = 760;
const PANEL_H = 230;

function panel(p: Panel, gs: { key: string; runs: PeerRun[] }[], top: number): string {
  const max = Math.max(1e-9, ...gs.flatMap((g) => g.runs.map(p.value)));
  const base = top + PANEL_H - 40;
  const y = (v: number): number => base - (v / max) * (PANEL_H - 80);
  const group = (W - 80) / Math.max(1, gs.length);
  const bar = (group * 0.8) / ORDER.length;
  const bars = gs.flatMap((g, i) => {
    const x0 = 60 + i * group + group * 0.1;
    const label = `<text x="${x0 + group * 0.4}" y="${base + 16}" text-anchor="middle" font-size="12">${g.key}</text>`;
    return [
      label,
      ...g.runs.map((r) => {
        const x = x0 + ORDER.indexOf(r.system) * bar;
        const v = p.value(r);
        return (
          `<rect x="${f1(x)}" y="${f1(y(v))}" width="${f1(bar - 2)}" height="${f1(base - y(v))}" fill="${COLORS[r.system]}"/>` +
          `<text x="${f1(x + bar / 2)}" y="${f1(y(v) - 3)}" text-anchor="middle" font-size="9">${v.toFixed(p.digits)}</text>`
        );
      }),
    ];
  });
  return [
    `<text x="${W / 2}" y="${top + 22}" text-anchor="middle" font-size="13">${p.title}</text>`,
    `<line x1="55" y1="${base}" x2="${W - 10}" y2="${base}" stroke="black"/>`,
    ...bars,
  ].join('\n');
}

/** Three grouped bar charts (throughput, p99, CPU) with every system, per load. */
export function peersChart(runs: readonly PeerRun[]): string {
  const gs = groups(combinePasses(runs));
  const h = PANEL_H * PANELS.length + 40;
  const legend = ORDER.map(
    (s, i) =>
      `<rect x="${60 + i * 175}" y="${h - 26}" width="12" height="12" fill="${COLORS[s]}"/>` +
      `<text x="${78 + i * 175}" y="${h - 16}" font-size="12">${LABEL[s]}</text>`,
  ).join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${h}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
${PANELS.map((p, i) => panel(p, gs, i * PANEL_H)).join('\n')}
${legend}
</svg>
`;
}
