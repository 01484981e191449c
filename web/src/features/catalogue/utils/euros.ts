/** The highest price the catalogue takes: 1 000 000,00 € (the service's bound, in cents). */
export const MAX_PRIX_CENTS = 100_000_000;

/**
 * A price as a person types it, in euros: "12,99", "12.99", "12", "1 234,50 €" → cents;
 * null when it is not an amount with at most two decimals.
 */
export function parseEuros(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(compact);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 1299 → "12,99": what the price field shows for a stored price. */
export const centsToInput = (cents: number): string =>
  `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
