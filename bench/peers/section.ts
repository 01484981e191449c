/** The peers section of docs/benchmarks.md: rendered from section.md, kept between markers. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Meta, type PeerRun, peersTable } from './report.js';

export const SECTION_START = '<!-- peers:start (npm run bench -- --render FILE --write) -->';
export const SECTION_END = '<!-- peers:end -->';

/** The section's markdown, from bench/peers/section.md with its {{placeholders}} filled. */
export async function renderSection(meta: Meta, runs: readonly PeerRun[]): Promise<string> {
  const template = await readFile(fileURLToPath(new URL('section.md', import.meta.url)), 'utf8');
  const passes = Math.max(1, ...runs.map((r) => r.pass ?? 1));
  const values: Record<string, string> = {
    seconds: String(meta.seconds),
    mixLevel: String(meta.mixLevel),
    commit: meta.commit,
    cores: String(meta.cores),
    cpu: meta.cpu,
    date: meta.date.slice(0, 10),
    passes:
      passes === 1 ? 'one pass' : `median of ${passes} passes, every other one in reverse order`,
    versions: Object.entries(meta.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
    table: peersTable(runs),
  };
  return template.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => values[key] ?? `{{${key}}}`);
}

/** The section as it stands in `doc` (markers included), if it is there. */
export function sectionIn(doc: string): string | undefined {
  const start = doc.indexOf(SECTION_START);
  const end = doc.indexOf(SECTION_END);
  return start >= 0 && end > start ? doc.slice(start, end + SECTION_END.length) : undefined;
}

/** docs/benchmarks.md with the section put between its markers (appended the first time). */
export function withSection(doc: string, section: string): string {
  const block = section.startsWith(SECTION_START)
    ? section
    : `${SECTION_START}\n\n${section.trim()}\n\n${SECTION_END}`;
  const old = sectionIn(doc);
  return old ? doc.replace(old, () => block) : `${doc.trimEnd()}\n\n${block}\n`;
}
