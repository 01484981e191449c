import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import got from 'got';
import type { Logger } from '../lib/logger.js';

export interface ChildSpec {
  /** How logs and pids() name it. */
  name: string;
  /** What it runs: `src/main.ts <entry>`. */
  entry: string;
  /** The services it serves. */
  services: readonly string[];
  /** Where each of them answers, e.g. http://127.0.0.1:8003: ready once all say so. */
  readyUrls: readonly string[];
  env: NodeJS.ProcessEnv;
}

const RESTART_DELAY_MS = 1_000;
const RESTART_WINDOW_MS = 60_000;
const MAX_RESTARTS = 5;
const STOP_GRACE_MS = 12_000;

const thisFile = fileURLToPath(import.meta.url);
const entry = path.join(path.dirname(thisFile), '..', `main${path.extname(thisFile)}`);
/** `node --import tsx src/main.ts <name>` in development, `node dist/src/main.js <name>` built. */
const nodeArgs = (name: string): string[] =>
  entry.endsWith('.ts') ? ['--import', 'tsx', entry, name] : [entry, name];

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const isReady = async (url: string): Promise<boolean> => {
  const res = await got(`${url}/ready`, {
    throwHttpErrors: false,
    retry: { limit: 0 },
    timeout: { request: 1_000 },
  }).catch(() => undefined);
  return res?.statusCode === 200;
};

interface Managed {
  spec: ChildSpec;
  child: ChildProcess;
  restarts: number[];
}

/**
 * Runs each child process (`tsx src/main.ts <entry>`), restarts one that
 * dies (a few times a minute at most), and stops them all with SIGTERM, SIGKILL past a grace.
 */
export class Supervisor {
  private readonly managed = new Map<string, Managed>();
  private stopping = false;

  constructor(
    private readonly logger: Logger,
    /** Called when a child keeps dying: the system cannot run as asked. */
    private readonly onGiveUp: (name: string) => void,
  ) {}

  /** Spawns the child and resolves once its /ready answers 200. */
  async start(spec: ChildSpec, readyTimeoutMs: number): Promise<void> {
    const m: Managed = { spec, child: this.spawn(spec), restarts: [] };
    this.managed.set(spec.name, m);
    await this.waitReady(m, readyTimeoutMs);
  }

  /** The pid of each service's process: several services may share one. */
  pids(): Record<string, number | undefined> {
    return Object.fromEntries(
      [...this.managed.values()].flatMap((m) => m.spec.services.map((s) => [s, m.child.pid])),
    );
  }

  async stopAll(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.managed.values()].map((m) => this.stopChild(m.child, m.spec.name)));
  }

  private spawn(spec: ChildSpec): ChildProcess {
    const child = spawn(process.execPath, nodeArgs(spec.entry), {
      env: spec.env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('exit', (code, signal) => this.onExit(spec.name, child, code, signal));
    return child;
  }

  private onExit(
    name: string,
    child: ChildProcess,
    code: number | null,
    signal: string | null,
  ): void {
    const m = this.managed.get(name);
    if (this.stopping || !m || m.child !== child) return;
    const now = Date.now();
    m.restarts = m.restarts.filter((t) => now - t < RESTART_WINDOW_MS);
    if (m.restarts.length >= MAX_RESTARTS) {
      this.logger.error(`${name} keeps stopping (code ${code}, signal ${signal}); giving up`);
      this.onGiveUp(name);
      return;
    }
    m.restarts.push(now);
    this.logger.warn(`${name} stopped (code ${code}, signal ${signal}); restarting`);
    setTimeout(() => {
      if (!this.stopping) m.child = this.spawn(m.spec);
    }, RESTART_DELAY_MS).unref();
  }

  private async waitReady(m: Managed, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const pending = new Set(m.spec.readyUrls);
    while (Date.now() < deadline) {
      if (m.child.exitCode !== null || m.child.signalCode !== null) {
        throw new Error(`${m.spec.name} exited during start-up (code ${m.child.exitCode})`);
      }
      for (const url of pending) if (await isReady(url)) pending.delete(url);
      if (pending.size === 0) return;
      await sleep(200);
    }
    const urls = [...pending].map((u) => `${u}/ready`).join(', ');
    throw new Error(`${m.spec.name} not ready at ${urls} after ${timeoutMs} ms`);
  }

  private async stopChild(child: ChildProcess, name: string): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      this.logger.warn(`${name} did not stop within ${STOP_GRACE_MS} ms; killing it`);
      child.kill('SIGKILL');
    }, STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }
}
