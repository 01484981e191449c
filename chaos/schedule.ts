/**
 * The faults of a chaos run, drawn from a seeded generator: the same seed gives the same
 * schedule (kinds, targets, pauses), so a failing run can be replayed.
 */
import { PARTICIPANTS, type Participant } from './cluster.js';
import type { ProxyFault } from './fault-proxy.js';
import { seededRandom } from '../test/support/fake-participants.js';

export type Fault =
  | { kind: 'kill-orchestrateur'; target: 'orchestrateur-a' | 'orchestrateur-b'; downMs: number }
  | { kind: 'kill-participant'; target: Participant; downMs: number }
  | { kind: 'kill-postgres'; downMs: number }
  | { kind: 'terminate-connections' }
  | { kind: `proxy-${ProxyFault}`; target: Participant; forMs: number }
  | { kind: 'rotate-token'; target: Participant; forMs: number };

export type FaultKind = Fault['kind'];

/** Seeded: the same seed gives the same schedule. */
export const seeded = seededRandom;

const WEIGHTS: [FaultKind, number][] = [
  ['kill-orchestrateur', 15],
  ['kill-participant', 15],
  ['kill-postgres', 8],
  ['terminate-connections', 10],
  ['proxy-slow', 18],
  ['proxy-unavailable', 17],
  ['proxy-drop', 17],
  ['proxy-reject', 12],
  ['rotate-token', 8],
];
const TOTAL = WEIGHTS.reduce((s, [, w]) => s + w, 0);

export interface Scheduled {
  atMs: number;
  fault: Fault;
}

/** One fault every 1.5-4.5 s on average, for `durationMs`. */
export function schedule(durationMs: number, random: () => number): Scheduled[] {
  const out: Scheduled[] = [];
  const between = (lo: number, hi: number): number => Math.round(lo + random() * (hi - lo));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  for (let at = between(1000, 3000); at < durationMs; at += between(1500, 4500)) {
    let r = random() * TOTAL;
    const kind = WEIGHTS.find(([, w]) => (r -= w) < 0)?.[0] ?? 'proxy-slow';
    out.push({ atMs: at, fault: draw(kind, pick, between) });
  }
  coverEveryKind(out, (kind) => draw(kind, pick, between));
  return out;
}

/**
 * A short run (CI's minute) still plays every kind of fault, PostgreSQL's death included: a
 * kind the draw left out takes the place of one fault of the most drawn kind. A schedule that
 * has them all is left as drawn (and the generator untouched), so long runs replay as before.
 */
function coverEveryKind(out: Scheduled[], drawKind: (kind: FaultKind) => Fault): void {
  if (out.length < WEIGHTS.length) return;
  for (const [missing] of WEIGHTS) {
    const counts = new Map<FaultKind, number>();
    for (const { fault } of out) counts.set(fault.kind, (counts.get(fault.kind) ?? 0) + 1);
    if (counts.has(missing)) continue;
    const [mostDrawn] = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a));
    const slot = out.findLastIndex((s) => s.fault.kind === mostDrawn);
    const replaced = out[slot];
    if (replaced) out[slot] = { atMs: replaced.atMs, fault: drawKind(missing) };
  }
}

function draw(
  kind: FaultKind,
  pick: <T>(items: readonly T[]) => T,
  between: (lo: number, hi: number) => number,
): Fault {
  switch (kind) {
    case 'kill-orchestrateur':
      return {
        kind,
        target: pick(['orchestrateur-a', 'orchestrateur-b'] as const),
        downMs: between(500, 3000),
      };
    case 'kill-participant':
      return { kind, target: pick(PARTICIPANTS), downMs: between(500, 3000) };
    case 'kill-postgres':
      return { kind, downMs: between(500, 2000) };
    case 'terminate-connections':
      return { kind };
    case 'proxy-slow':
    case 'proxy-unavailable':
    case 'proxy-drop':
    case 'proxy-reject':
      return { kind, target: pick(PARTICIPANTS), forMs: between(500, 3000) };
    case 'rotate-token':
      return { kind, target: pick(PARTICIPANTS), forMs: between(2000, 6000) };
  }
}
