import type { RapportVentes } from '../../../lib/api-types.js';

type Jour = RapportVentes['par_jour'][number];

const addDay = (ymd: string): string => {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * Every day from the first to the last (or the filter's du/au when given), days without
 * sales at 0: a trend with gaps would draw a straight line over the quiet days.
 */
export function fillDays(days: readonly Jour[], du?: string, au?: string): Jour[] {
  const sorted = [...days].sort((a, b) => a.jour.localeCompare(b.jour));
  const first = du || sorted[0]?.jour;
  const last = au || sorted[sorted.length - 1]?.jour;
  if (!first || !last || first > last) return sorted;
  const byDay = new Map(sorted.map((d) => [d.jour, d]));
  const out: Jour[] = [];
  for (let day = first; day <= last && out.length < 366; day = addDay(day)) {
    out.push(byDay.get(day) ?? { jour: day, nombre_ventes: 0, total_cents: 0 });
  }
  return out;
}
