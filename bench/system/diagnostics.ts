/**
 * Per-level diagnostics on stderr: where the CPU went (each service, PostgreSQL, the bench
 * itself, the rest of the machine) and how the sagas ended, to tell a slow system from a
 * busy machine.
 */
import { cpus } from 'node:os';
import type { LoadOutcome } from '../load.js';
import { cpuByProcess, machineCounters, ownCpuSeconds } from './procs.js';

/** Which processes to read: every process of the system by name, and PostgreSQL. */
export interface Probe {
  services: ReadonlyMap<string, number>;
  postmaster: number | undefined;
}

/** Counters at one moment; two of them make a measurement. */
export interface Mark {
  at: number;
  own: number;
  all: Map<string, number>;
  busy: number;
  /** Context switches of the whole machine since boot. */
  switches: number;
}

/** The clock and our own CPU now (synchronously, before anything else runs)... */
export const instant = (): Pick<Mark, 'at' | 'own'> => ({ at: Date.now(), own: ownCpuSeconds() });

/** ...and the other processes' counters as soon as /proc answers. */
export async function mark(probe: Probe): Promise<Mark> {
  const now = instant();
  const [all, machine] = await Promise.all([
    cpuByProcess(probe.services, probe.postmaster),
    machineCounters(),
  ]);
  return { ...now, all, ...machine };
}

const fmt = (n: number, digits = 0): string => n.toFixed(digits);

/** The lines said after a level: throughput and outcomes, CPU per process, machine load. */
export function describeLevel(
  label: string,
  ramp: number,
  result: LoadOutcome,
  commandes: string,
  start: Mark,
  end: Mark,
): string[] {
  const own = end.own - start.own;
  const busy = end.busy - start.busy;
  const used = [...end.all].map(([name, c]) => [name, c - (start.all.get(name) ?? 0)] as const);
  const ours = used.reduce((sum, [, c]) => sum + c, own);
  const perProcess = [...used, ['bench (load, stand-ins)', own] as const]
    .map(([name, c]) => `${name} ${fmt(c, 2)}`)
    .join(', ');
  return [
    `${label}: ${fmt(result.perSecond)}/s, ok ${result.ok}, statuses ${JSON.stringify(result.statuses)}, ` +
      `counted over ${fmt(result.elapsed, 2)} s after a ${ramp} s ramp (slowest first answer of ` +
      `a connection, not counted: ${fmt(result.firstMax)} ms); commandes: ${commandes}`,
    `  CPU s: ${perProcess}`,
    `  machine busy ${fmt(busy, 2)} CPU s in ${fmt((end.at - start.at) / 1000, 2)} s on ${cpus().length} cores, ` +
      `${fmt(Math.max(0, busy - ours), 2)} of it outside this bench; ` +
      `${fmt((end.switches - start.switches) / Math.max(1, result.ok))} context switches ` +
      `per confirmed checkout`,
  ];
}
