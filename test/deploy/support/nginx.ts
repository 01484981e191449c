import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnTool } from './child-process.js';
import { sleep } from './prometheus.js';
import { requireTool } from '../../support/tools.js';

/** Debian's nginx (`apt-get install -y nginx`). */
export const NGINX_BIN = process.env.NGINX_BIN ?? '/usr/sbin/nginx';
export const hasNginx = (): boolean => existsSync(NGINX_BIN);

const SYSTEM_MIME_TYPES = '/etc/nginx/mime.types';
/** What the front's files need when the system's table is not there. */
const FALLBACK_TYPES =
  'types { text/html html; text/css css; application/javascript js; application/json json; }';

/**
 * The project's config with only its ports and paths changed: each `from` must occur exactly
 * as written, so a config that drifts from what the test rewrites fails loudly instead of
 * being tested half-changed.
 */
export function rewrite(
  text: string,
  replacements: readonly (readonly [string, string])[],
): string {
  let out = text;
  for (const [from, to] of replacements) {
    if (!out.includes(from)) throw new Error(`the config no longer contains: ${from}`);
    out = out.split(from).join(to);
  }
  return out;
}

export interface RunningNginx {
  url: string;
  /** What nginx printed (errors and warnings), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * The http block the nginx images wrap around a conf.d file, with every path nginx writes
 * (pid, temp files, logs) under `dir`.
 */
function mainConfig(dir: string): string {
  const types = existsSync(SYSTEM_MIME_TYPES) ? `include ${SYSTEM_MIME_TYPES};` : FALLBACK_TYPES;
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((t) => `  ${t}_temp_path ${path.join(dir, `${t}_temp`)};`)
    .join('\n');
  return [
    'daemon off;',
    'worker_processes 1;',
    `pid ${path.join(dir, 'nginx.pid')};`,
    'error_log stderr warn;',
    'events { worker_connections 128; }',
    'http {',
    `  ${types}`,
    '  default_type application/octet-stream;',
    '  access_log off;',
    temp,
    `  include ${path.join(dir, 'server.conf')};`,
    '}',
    '',
  ].join('\n');
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/**
 * Runs the real nginx binary in the foreground (a child process) with one server config on
 * 127.0.0.1:`port`, until stop().
 */
export async function startNginx(serverConf: string, port: number): Promise<RunningNginx> {
  const dir = await mkdtemp(path.join(tmpdir(), 'saga-nginx-'));
  // Run as root, nginx hands requests to unprivileged workers: they must reach these files.
  await chmod(dir, 0o755);
  await writeFile(path.join(dir, 'server.conf'), serverConf);
  const conf = path.join(dir, 'nginx.conf');
  await writeFile(conf, mainConfig(dir));
  const tool = spawnTool(NGINX_BIN, ['-p', `${dir}/`, '-c', conf, '-e', 'stderr']);
  const stop = async (): Promise<void> => {
    await tool.stop();
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!(await portOpen(port))) {
    if (tool.child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not start:\n${tool.output()}`);
    }
    await sleep(50);
  }
  return { url: `http://127.0.0.1:${port}`, output: tool.output, stop };
}

/** Fails the suite under CI (where nginx must be installed), skips it on a laptop without it. */
export function requireNginx(ctx: Mocha.Context): void {
  requireTool(ctx, hasNginx(), `${NGINX_BIN} not found. Install it: apt-get install -y nginx`);
}
