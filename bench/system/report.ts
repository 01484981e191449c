/** The `--system` runs as JSON and as a markdown table, the whole system beside the orchestrator. */
import { markdownTable } from '../report.js';
import type { SystemRun } from './level.js';

const f0 = (n: number): string => n.toFixed(0);
const f1 = (n: number): string => n.toFixed(1);
const f2 = (n: number): string => n.toFixed(2);

/** The file `--system --json FILE` writes: the fields of issue 20, rounded. */
export function systemJson(runs: readonly SystemRun[], meta: Record<string, unknown>): string {
  const round = (n: number, d: number): number => Number(n.toFixed(d));
  const rows = runs.map((r) => ({
    system: r.system,
    concurrency: r.concurrency,
    throughput: round(r.throughput, 1),
    p50_ms: round(r.p50_ms, 1),
    p95_ms: round(r.p95_ms, 1),
    p99_ms: round(r.p99_ms, 1),
    refused: r.refused,
    errors: r.errors,
    cpu_s_per_1000: round(r.cpu_s_per_1000, 2),
    cpu_by_process: Object.fromEntries(
      Object.entries(r.cpu_by_process).map(([k, v]) => [k, round(v, 2)]),
    ),
    statuses: r.statuses,
  }));
  return `${JSON.stringify({ ...meta, runs: rows }, null, 2)}\n`;
}

/** One line per concurrency: the whole system, the orchestrator alone, and their ratio. */
export function systemTable(runs: readonly SystemRun[]): string {
  const head =
    '| concurrency | whole /s | orchestrator alone /s | ratio | p50 ms whole (alone) | p99 ms whole (alone) | p99 ÷ p50 whole (alone) | refused whole (alone) | errors whole (alone) | CPU s / 1000 whole (alone) |\n' +
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
  const levels = [...new Set(runs.map((r) => r.concurrency))];
  const rows = levels.flatMap((c) => {
    const w = runs.find((r) => r.concurrency === c && r.system === 'whole');
    const a = runs.find((r) => r.concurrency === c && r.system === 'orchestrateur');
    if (!w || !a) return [];
    const tail = (r: SystemRun): string => f2(r.p99_ms / Math.max(0.1, r.p50_ms));
    return [
      [
        c,
        f0(w.throughput),
        f0(a.throughput),
        `${f2(w.throughput / Math.max(0.1, a.throughput))} ×`,
        `${f1(w.p50_ms)} (${f1(a.p50_ms)})`,
        `${f1(w.p99_ms)} (${f1(a.p99_ms)})`,
        `${tail(w)} (${tail(a)})`,
        `${w.refused} (${a.refused})`,
        `${w.errors} (${a.errors})`,
        `${f2(w.cpu_s_per_1000)} (${f2(a.cpu_s_per_1000)})`,
      ],
    ];
  });
  return markdownTable(head, rows);
}

/** Where the whole system's CPU goes, per process, in CPU ms per confirmed checkout. */
export function cpuTable(runs: readonly SystemRun[]): string {
  const whole = runs.filter((r) => r.system === 'whole');
  const names = [...new Set(whole.flatMap((r) => Object.keys(r.cpu_by_process)))].filter((n) =>
    whole.some((r) => (r.cpu_by_process[n] ?? 0) >= 0.05),
  );
  const head =
    `| concurrency | ${names.join(' | ')} | all |\n` +
    `|---:|${names.map(() => '---:|').join('')}---:|`;
  return markdownTable(
    head,
    whole.map((r) => [
      r.concurrency,
      ...names.map((n) => f2(r.cpu_by_process[n] ?? 0)),
      f2(r.cpu_s_per_1000),
    ]),
  );
}
