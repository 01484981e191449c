import type { RapportVentes } from '../../../lib/api-types.js';

type Jour = RapportVentes['par_jour'][number];

/** At least this many days are drawn, so a single day of sales still reads as a trend. */
const MIN_DAYS = 7;

const addDays = (ymd: string, n: number): string => {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/**
 * Every day of the period, days without sales at 0 (a trend with gaps would draw a straight
 * line over the quiet days): from `du` (or the first sale, at least a week back) to `au`
 * (or today, UTC like the report's days).
 */
export function fillDays(days: readonly Jour[], du?: string, au?: string, today?: string): Jour[] {
  const sorted = [...days].sort((a, b) => a.jour.localeCompare(b.jour));
  const lastSale = sorted[sorted.length - 1]?.jour ?? '';
  const now = today ?? new Date().toISOString().slice(0, 10);
  const last = au || (lastSale > now ? lastSale : now);
  const weekBack = addDays(last, 1 - MIN_DAYS);
  const firstSale = sorted[0]?.jour ?? weekBack;
  const first = du || (firstSale < weekBack ? firstSale : weekBack);
  if (first > last) return sorted;
  const byDay = new Map(sorted.map((d) => [d.jour, d]));
  const out: Jour[] = [];
  for (let day = first; day <= last && out.length < 366; day = addDays(day, 1)) {
    out.push(byDay.get(day) ?? { jour: day, nombre_ventes: 0, total_cents: 0 });
  }
  return out;
}
