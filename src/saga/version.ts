import type { SagaStates, SagaStep, TransitionTable } from './definition.js';

/**
 * A stable fingerprint of a saga's shape: its table (every état, its successors and its
 * compensation), its roles and its steps (name, état, retry policy, outcomes). Two instances
 * that would drive a saga the same way compute the same one; any change of the shape
 * (a step added, an état renamed, a compensation moved) gives another.
 */
export function fingerprint<E extends string, C extends string, D>(
  table: TransitionTable<E, C>,
  states: SagaStates<E>,
  steps: readonly SagaStep<E, D>[],
): string {
  const rules = (Object.keys(table) as E[])
    .sort()
    .map((e) => [e, [...table[e].next].sort(), table[e].compensate ?? null]);
  const roles = [states.confirmed, states.cancelled, states.parked];
  const shape = steps.map((s) => [s.name, s.from, s.retry, s.onSuccess, s.onFailure ?? null]);
  return hash48(JSON.stringify({ rules, roles, shape }));
}

/**
 * 48 bits of two FNV-1a passes (different offsets), as 12 hex characters: enough to tell a
 * handful of versions apart, and plain JavaScript, so the engine runs in the browser too
 * (the web front reads its tables).
 */
function hash48(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193 + 0x2c) >>> 0;
  }
  return (a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0')).slice(0, 12);
}
