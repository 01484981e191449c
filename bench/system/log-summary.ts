/**
 * The children's logs (JSON lines, one file) boiled down per level: latency of each endpoint
 * and a count of each warning, so a slow or failing level says where its time went.
 */
import { percentile } from '../measure.js';

/** When a level ran (Date.now() bounds), to attribute log lines to it. */
export interface Window {
  level: number;
  from: number;
  to: number;
}

interface LogLine {
  service?: string;
  level?: string;
  message?: string;
  ms?: number;
  timestamp?: string;
  step?: string;
  outcome?: string;
  code?: string;
  error?: string;
}

const ACCESS = /^(GET|POST|PUT|PATCH|DELETE) (\S+) (\d{3})$/;

/** `/api/stock/3?x=1` → `/api/stock/:id`: one key per endpoint, not per id. */
const template = (p: string): string =>
  p
    .replace(/\?.*$/, '')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':uuid')
    .replace(/\/\d+(?=\/|$)/g, '/:id');

const parse = (raw: string): LogLine | undefined => {
  try {
    return JSON.parse(raw) as LogLine;
  } catch {
    return undefined;
  }
};

export function summariseLogs(text: string, windows: readonly Window[]): string[] {
  const access = new Map<string, number[]>();
  const notices = new Map<string, number>();
  const count = (key: string): void => void notices.set(key, (notices.get(key) ?? 0) + 1);
  for (const raw of text.split('\n')) {
    // Not JSON: Node's own warnings on stderr, e.g. `(node:123) MaxListenersExceededWarning`.
    if (!raw.startsWith('{')) {
      const w = raw.replace(/^\(node:\d+\) /, '');
      if (/Warning|Error/.test(w)) count(w);
      continue;
    }
    const l = parse(raw);
    if (l === undefined) continue;
    const at = Date.parse(l.timestamp ?? '');
    const w = windows.find((x) => at >= x.from && at <= x.to);
    const m = ACCESS.exec(l.message ?? '');
    if (m && w && typeof l.ms === 'number') {
      const key = `c=${w.level} ${l.service} ${m[1]} ${template(m[2] ?? '')} ${m[3]}`;
      const list = access.get(key) ?? [];
      list.push(l.ms);
      access.set(key, list);
    }
    if (l.level === 'warn' || l.level === 'error') {
      const what = [l.step, l.outcome, l.code, l.error?.slice(0, 80)].filter(Boolean).join(' ');
      count(`${w ? `c=${w.level} ` : ''}${l.level} [${l.service}] ${l.message} ${what}`);
    }
  }
  const lines: string[] = [];
  for (const [key, list] of access) {
    list.sort((a, b) => a - b);
    lines.push(
      `${key}: n=${list.length} p50=${percentile(list, 50)} p95=${percentile(list, 95)} max=${list.at(-1)} ms`,
    );
  }
  for (const [key, n] of notices) lines.push(`${n} × ${key}`);
  return lines;
}
