/** The most units an employee may put on a line (the stock service's bound). */
export const MAX_NIVEAU = 10_000_000;

const integer = (text: string): number | null => {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  return /^[+-]?\d{1,9}$/.test(compact) ? Number(compact) : null;
};

/** A level as typed: a whole number of units, 0 to 10 000 000. */
export function niveauError(text: string): string | null {
  if (text.trim() === '') return 'Indiquez une quantité.';
  const n = integer(text);
  if (n === null || n < 0) return 'Écrivez un nombre entier d’unités, 0 ou plus.';
  return n > MAX_NIVEAU ? 'Un niveau ne peut dépasser 10 000 000 unités.' : null;
}

/** A signed quantity as typed: "+5" adds five units, "-3" removes three. */
export function deltaError(text: string): string | null {
  if (text.trim() === '') return 'Indiquez combien d’unités ajouter (+) ou retirer (−).';
  const n = integer(text);
  if (n === null) return 'Écrivez un nombre entier, précédé de - pour retirer : +12 ou -3.';
  if (n === 0) return 'Un ajustement de 0 ne change rien.';
  return Math.abs(n) > MAX_NIVEAU ? 'Pas plus de 10 000 000 unités à la fois.' : null;
}

/** The number of a value the checks above accepted. */
export const toInteger = (text: string): number => integer(text) ?? 0;
