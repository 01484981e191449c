/** What a chaos run prints: the seed, the faults, the sagas, and every invariant. */
import type { Knex } from 'knex';
import type { Check } from './books.js';
import type { Load } from './load.js';
import type { Signups } from './signups.js';
import type { FaultKind } from './schedule.js';

export interface Report {
  seed: number;
  durationS: number;
  injected: Map<FaultKind, number>;
  load: Load;
  signups: Signups;
  db: Knex;
  checks: Check[];
}

export async function printReport(r: Report): Promise<void> {
  const { rows } = await r.db.raw<{ rows: { etat: string; n: number }[] }>(
    'SELECT etat_actuel AS etat, count(*)::int AS n FROM commandes GROUP BY 1 ORDER BY 1',
  );
  const lines = [
    '',
    `chaos run: seed ${r.seed}, ${r.durationS} s of faults`,
    'faults injected:',
    ...[...r.injected].sort().map(([k, n]) => `  ${k.padEnd(24)} ${n}`),
    `sagas run: ${rows.reduce((s, x) => s + x.n, 0)} (${rows.map((x) => `${x.etat} ${x.n}`).join(', ')})`,
    `checkout answers: ${[...r.load.answers]
      .sort()
      .map(([s, n]) => `${s}×${n}`)
      .join(', ')}`,
    `sign-up answers: ${[...r.signups.answers]
      .sort()
      .map(([s, n]) => `${s}×${n}`)
      .join(', ')}`,
    'invariants:',
    ...r.checks.map((c) => `  ${c.pass ? 'PASS' : 'FAIL'}  ${c.name} (${c.detail})`),
    '',
  ];
  process.stdout.write(lines.join('\n'));
}
