/** NUL, and UTF-16 halves without their other half: PostgreSQL stores neither. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what must go
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text as PostgreSQL can store it (text and jsonb refuse NUL and lone surrogates), at most
 * `max` UTF-16 units long; a character cut in half by the limit becomes U+FFFD like the
 * rest, so one service's odd message can never make a write fail.
 */
export function storableText(text: string, max = Number.POSITIVE_INFINITY): string {
  return text.slice(0, max).replace(UNSTORABLE, '\uFFFD');
}

/** JSON.stringify replacer applying storableText to every string of a document. */
export const storableStrings = (_key: string, value: unknown): unknown =>
  typeof value === 'string' ? storableText(value) : value;
