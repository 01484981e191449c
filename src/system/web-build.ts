import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Logger } from '../lib/logger.js';
import { repoRoot } from './gateway-routes.js';

const root = repoRoot();
const WEB_SOURCE = path.join(root, 'web');
/** Where Vite writes the front (web/vite.config.ts) and the local server serves it from. */
export const WEB_DIST = path.join(root, 'dist', 'web');
/** The hash of the inputs a build was made from, inside the build itself. */
const STAMP = '.inputs-sha256';

/**
 * What the bundle is made of: the app and its build config, the lock file, and the server
 * modules the front bundles (pure data: both sagas' tables, the engine's reading of them, the
 * participant calls and the password policy; eslint.config.js lets the web import only these).
 */
export const WEB_INPUTS: readonly string[] = [
  'web',
  'package-lock.json',
  'src/orchestrateur/checkout/transitions.ts',
  'src/orchestrateur/inscription/transitions.ts',
  'src/saga/definition.ts',
  'src/saga/version.ts',
  'src/lib/participant-calls.ts',
  'src/lib/inscription-calls.ts',
  'src/lib/password-policy.ts',
];
/** Not inputs: installed packages, outputs, and types generated from docs/openapi (types only). */
const NOT_INPUTS = new Set(['web/node_modules', 'web/dist', 'web/src/lib/api/generated']);

async function listFiles(rel: string): Promise<string[]> {
  if (NOT_INPUTS.has(rel)) return [];
  const stat = await fs.stat(path.join(root, rel)).catch(() => undefined);
  if (!stat) return [];
  if (!stat.isDirectory()) return [rel];
  const entries = await fs.readdir(path.join(root, rel));
  const nested = await Promise.all(entries.map((e) => listFiles(path.posix.join(rel, e))));
  return nested.flat();
}

/** The build-time settings Vite bakes into the bundle (VITE_*, e.g. VITE_TRACE_UI_URL). */
const buildVariables = (env: NodeJS.ProcessEnv): [string, string][] =>
  Object.entries(env)
    .filter((e): e is [string, string] => e[0].startsWith('VITE_') && e[1] !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));

/** One hash over every input's path and content and the VITE_* variables: equal hashes, equal bundles. */
export async function webInputsHash(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const files = (await Promise.all(WEB_INPUTS.map(listFiles))).flat().sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(await fs.readFile(path.join(root, file)));
    hash.update('\0');
  }
  for (const [name, value] of buildVariables(env)) hash.update(`$${name}=${value}\0`);
  return hash.digest('hex');
}

const readStamp = (dir: string): Promise<string | undefined> =>
  fs.readFile(path.join(dir, STAMP), 'utf8').catch(() => undefined);

function viteBin(): string {
  try {
    const pkg = createRequire(path.join(WEB_SOURCE, 'package.json')).resolve('vite/package.json');
    return path.join(path.dirname(pkg), 'bin', 'vite.js');
  } catch (cause) {
    throw new Error('Vite is not installed: run `npm install` to build the web front', { cause });
  }
}

/** `vite build` into `outDir`, in a child process (the server itself never loads Vite). */
function viteBuild(outDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const args = [viteBin(), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'];
  const child = spawn(process.execPath, args, {
    cwd: WEB_SOURCE,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`web front build failed (${code}):\n${output}`)),
    );
  });
}

/** Replaces the served build at once; a build published meanwhile from the same inputs is kept. */
async function publish(built: string, hash: string): Promise<void> {
  await fs.writeFile(path.join(built, STAMP), hash);
  const old = `${WEB_DIST}.old-${process.pid}-${Date.now()}`;
  await fs.rename(WEB_DIST, old).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
  try {
    await fs.rename(built, WEB_DIST);
  } catch (err) {
    if ((await readStamp(WEB_DIST)) !== hash) throw err;
    await fs.rm(built, { recursive: true, force: true });
  }
  await fs.rm(old, { recursive: true, force: true });
}

/**
 * The built front in dist/web, (re)built only when its inputs (sources, VITE_* variables of
 * `env`) changed since the last build: a fresh clone builds once (about a second), later
 * starts only hash the sources.
 */
export async function ensureWebBuild(
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const hash = await webInputsHash(env);
  if ((await readStamp(WEB_DIST)) === hash) {
    logger.debug('web front up to date in dist/web');
    return WEB_DIST;
  }
  const started = Date.now();
  const built = `${WEB_DIST}.build-${process.pid}-${started}`;
  try {
    await viteBuild(built, env);
    await publish(built, hash);
  } finally {
    await fs.rm(built, { recursive: true, force: true });
  }
  logger.info(`web front built into dist/web in ${Date.now() - started} ms`);
  return WEB_DIST;
}
