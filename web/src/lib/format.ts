const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const integer = new Intl.NumberFormat('fr-FR');
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'medium' });
const time = new Intl.DateTimeFormat('fr-FR', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
});
const day = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'UTC' });

export const formatCents = (cents: number): string => euros.format(cents / 100);

export const formatCount = (n: number): string => integer.format(n);

export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));

/** Time of day with milliseconds: saga steps are often a few ms apart. */
export const formatTime = (iso: string): string => time.format(new Date(iso));

/** A `YYYY-MM-DD` calendar day, e.g. "5 janv.". */
export const formatDay = (ymd: string): string => day.format(new Date(`${ymd}T00:00:00Z`));

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${seconds} s`;
}

export const plural = (n: number, one: string, many: string): string =>
  `${formatCount(n)} ${n > 1 ? many : one}`;

/** The short form of a UUID people can read aloud and find in a list. */
export const shortId = (uuid: string): string => uuid.slice(0, 8);

/** Today (local) as `YYYY-MM-DD`, shifted by `days`. */
export function isoDay(days = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "il y a 3 min": how long ago an ISO instant was. */
export function formatAge(iso: string, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return `il y a ${s} s`;
  if (s < 3600) return `il y a ${Math.floor(s / 60)} min`;
  if (s < 86_400) return `il y a ${Math.floor(s / 3600)} h`;
  return `il y a ${Math.floor(s / 86_400)} j`;
}
