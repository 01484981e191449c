/** Joins class names, leaving out the absent ones: cx(a, busy && b) → "a b" or "a". */
export const cx = (...names: readonly (string | false | null | undefined)[]): string =>
  names.filter(Boolean).join(' ');
