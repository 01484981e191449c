import type { StateRule, TransitionTable } from './definition.js';

/** A saga's table as a Mermaid state diagram (what the README shows). */
export function mermaidStateDiagram<E extends string, C extends string>(
  table: TransitionTable<E, C>,
  initial: E,
): string {
  const lines = ['```mermaid', 'stateDiagram-v2', `    [*] --> ${initial}`];
  for (const [from, rule] of Object.entries(table) as [E, StateRule<E, C>][]) {
    for (const to of rule.next) lines.push(`    ${from} --> ${to}`);
    if (rule.next.length === 0) lines.push(`    ${from} --> [*]`);
    if (rule.compensate) lines.push(`    note right of ${from}: compensated by ${rule.compensate}`);
  }
  lines.push('```');
  return lines.join('\n');
}
