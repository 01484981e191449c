import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/**
 * The peers' packages live in bench/peers with their own lock file, so the product's
 * `npm ci` stays lean: installed here on first use, and again when the lock file changes.
 */
export function ensurePeersInstalled(say: (m: string) => void): void {
  const lock = `${HERE}package-lock.json`;
  const installed = `${HERE}node_modules/.package-lock.json`;
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  say('installing the peers (npm ci in bench/peers)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: HERE, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm ci in bench/peers failed (${result.status})`);
}
