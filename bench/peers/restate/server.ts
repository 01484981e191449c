/**
 * A restate-server from the `@restatedev/restate-server` npm package (the binary ships in
 * its per-platform package), on a fresh data folder, every listener on 127.0.0.1 on a free
 * port, otherwise its defaults (durability included: see bench/peers/README.md).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import path from 'node:path';
import { freePort } from '../../../test/support/postgres.js';

export interface RestateServer {
  proc: ChildProcess;
  ingressUrl: string;
  adminUrl: string;
  /** Registers an endpoint (HTTP/2) and waits until `service` is known. */
  register(endpointUrl: string, service: string): Promise<void>;
  stop(): Promise<void>;
}

function binaryPath(): string {
  const require = createRequire(import.meta.url);
  const pkg = `@restatedev/restate-server-${process.platform}-${process.arch}/package.json`;
  return path.join(path.dirname(require.resolve(pkg)), 'bin', 'restate-server');
}

async function waitFor(url: string, what: string, tail: () => string): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`restate-server: ${what} not ready after 30 s\n${tail()}`);
}

export async function startRestateServer(baseDir: string): Promise<RestateServer> {
  const [ingress, admin, fabric] = [await freePort(), await freePort(), await freePort()];
  const proc = spawn(binaryPath(), ['--no-logo', '--base-dir', baseDir], {
    env: {
      PATH: process.env.PATH ?? '',
      RESTATE_LISTEN_MODE: 'tcp',
      RESTATE_INGRESS__BIND_ADDRESS: `127.0.0.1:${ingress}`,
      RESTATE_ADMIN__BIND_ADDRESS: `127.0.0.1:${admin}`,
      RESTATE_BIND_ADDRESS: `127.0.0.1:${fabric}`,
      RESTATE_ADVERTISED_ADDRESS: `http://127.0.0.1:${fabric}/`,
      RESTATE_DISABLE_TELEMETRY: 'true',
      RESTATE_LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (d: Buffer): void => void (log = (log + d.toString()).slice(-8000));
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = once(proc, 'exit');
  const adminUrl = `http://127.0.0.1:${admin}`;
  const ingressUrl = `http://127.0.0.1:${ingress}`;
  await waitFor(`${adminUrl}/health`, 'admin API', () => log);
  await waitFor(`${ingressUrl}/restate/health`, 'ingress', () => log);
  return {
    proc,
    ingressUrl,
    adminUrl,
    async register(endpointUrl, service) {
      const res = await fetch(`${adminUrl}/deployments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ uri: endpointUrl }),
      });
      if (!res.ok) throw new Error(`registering ${endpointUrl}: ${res.status} ${await res.text()}`);
      await waitFor(`${adminUrl}/services/${service}`, `service ${service}`, () => log);
    },
    async stop() {
      const killer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      proc.kill('SIGTERM');
      await exited;
      clearTimeout(killer);
    },
  };
}
