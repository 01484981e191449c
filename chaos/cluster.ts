/**
 * The system as `npm start` runs it (the same entry point, one process per service, one
 * database per service on one PostgreSQL), with two orchestrator instances and a fault
 * proxy between them and each participant: every process can be killed and started again.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/support/postgres.js';
import { FaultProxy } from './fault-proxy.js';
import type { ChaosPostgres } from './postgres.js';
import {
  participantServices,
  type ParticipantService,
  participantsEnv,
} from '../src/lib/participant-calls.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The services the saga calls (src/lib/participant-calls.ts), each behind a fault proxy. */
export const PARTICIPANTS = participantServices();
export type Participant = ParticipantService;
export const SERVICES = ['auth', 'produits', 'magasin', ...PARTICIPANTS] as const;
export type Service = (typeof SERVICES)[number];

/** Settings of the orchestrators: short timeouts and leases so a minute sees many recoveries. */
export const ORCHESTRATEUR_ENV: Record<string, string> = {
  SAGA_STEP_TIMEOUT_MS: '800',
  SAGA_BUDGET_MS: '4000',
  SAGA_LEASE_MS: '3000',
  RECOVERY_INTERVAL_MS: '500',
  SAGA_RETRY_BASE_MS: '50',
  SAGA_RETRY_MAX_MS: '1000',
  SAGA_COMPENSATION_RETRIES: '6',
  SAGA_SUSPEND_AFTER_MS: '60000',
  SHUTDOWN_GRACE_MS: '1000',
};
/** The saga's own identity towards the participants (never a customer's token). */
const SERVICE_TOKEN = randomBytes(24).toString('hex');

export interface Proc {
  name: string;
  port: number;
  env: NodeJS.ProcessEnv;
  child: ChildProcess | undefined;
}

export class Cluster {
  readonly procs = new Map<string, Proc>();
  readonly proxies = new Map<Participant, FaultProxy>();
  private ports = new Map<string, number>();
  private generation = 0;

  constructor(
    private readonly pg: ChaosPostgres,
    private readonly random: () => number,
    private readonly logFd: number,
  ) {}

  url(name: string): string {
    return `http://127.0.0.1:${this.ports.get(name) ?? 0}`;
  }

  async start(): Promise<void> {
    for (const s of [...SERVICES, 'orchestrateur-a', 'orchestrateur-b']) {
      this.ports.set(s, await freePort());
    }
    for (const p of PARTICIPANTS) {
      const proxy = new FaultProxy(p, { port: this.ports.get(p) ?? 0 }, 1500, this.random);
      await proxy.start();
      this.proxies.set(p, proxy);
    }
    for (const s of SERVICES) this.define(s, s, this.serviceEnv(s));
    for (const o of ['orchestrateur-a', 'orchestrateur-b']) {
      this.define(o, 'orchestrateur', this.orchestrateurEnv());
    }
    await Promise.all([...this.procs.keys()].map((name) => this.launch(name)));
  }

  private serviceEnv(s: Service): NodeJS.ProcessEnv {
    return {
      DATABASE_URL: this.pg.urlFor(s),
      ...(s === 'panier'
        ? { PRODUITS_URL: this.url('produits'), CLIENT_URL: this.url('client') }
        : {}),
      // Every sign-up of the run comes from 127.0.0.1: the throttle counts them per address.
      ...(s === 'auth' ? { AUTH_LOGIN_ADDRESS_MAX_ATTEMPTS: '1000000' } : {}),
    };
  }

  private orchestrateurEnv(): NodeJS.ProcessEnv {
    const via = (p: Participant): string => this.proxies.get(p)?.url ?? '';
    return {
      DATABASE_URL: this.pg.urlFor('orchestrateur'),
      ...participantsEnv(via),
      // The sign-up saga: credentials in auth (straight), the record through client's proxy.
      AUTH_URL: this.url('auth'),
      ...ORCHESTRATEUR_ENV,
    };
  }

  private define(name: string, service: string, env: NodeJS.ProcessEnv): void {
    const port = this.ports.get(name) ?? 0;
    this.procs.set(name, {
      name,
      port,
      child: undefined,
      env: {
        PATH: process.env.PATH,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
        CHAOS_SERVICE: service,
        // Identity on, as `npm start` runs it: customers' tokens, the saga's service token.
        AUTH_REQUIRED: 'true',
        AUTH_JWKS_URL: `${this.url('auth')}/.well-known/jwks.json`,
        SERVICE_TOKEN,
        ...env,
      },
    });
  }

  /** The instance ids of the orchestrators alive now (lease owners). */
  liveInstances(): string[] {
    return [...this.procs.values()]
      .filter((p) => p.env.INSTANCE_ID !== undefined && this.isUp(p.name))
      .map((p) => String(p.env.INSTANCE_ID));
  }

  private spawn(proc: Proc): ChildProcess {
    if (proc.env.CHAOS_SERVICE === 'orchestrateur') {
      this.generation += 1; // a new instance: a new lease owner
      proc.env.INSTANCE_ID = `${proc.name}-${this.generation}`;
    }
    return spawn(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts', String(proc.env.CHAOS_SERVICE)],
      {
        cwd: ROOT,
        env: proc.env,
        stdio: ['ignore', this.logFd, this.logFd],
      },
    );
  }

  /** Starts the process and waits until it answers /ready. */
  async launch(name: string): Promise<void> {
    const proc = this.procs.get(name);
    if (!proc) throw new Error(`no process ${name}`);
    proc.child = this.spawn(proc);
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      // Started while PostgreSQL was down, say: try again.
      if (proc.child.exitCode !== null) proc.child = this.spawn(proc);
      const ok = await fetch(`${this.url(name)}/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await sleep(200);
    }
    throw new Error(`${name} not ready after 60 s`);
  }

  /** Restarts a participant with a service token of its own (a rotation the saga missed). */
  async rotateToken(name: Participant): Promise<void> {
    const proc = this.procs.get(name);
    if (!proc) return;
    proc.env.SERVICE_TOKEN = randomBytes(24).toString('hex');
    await this.restart(name);
  }

  /** Restarts a participant with the saga's token again, if it was rotated. */
  async restoreToken(name: Participant): Promise<void> {
    const proc = this.procs.get(name);
    if (!proc || proc.env.SERVICE_TOKEN === SERVICE_TOKEN) return;
    proc.env.SERVICE_TOKEN = SERVICE_TOKEN;
    await this.restart(name);
  }

  async restoreTokens(): Promise<void> {
    for (const p of PARTICIPANTS) await this.restoreToken(p);
  }

  private async restart(name: string): Promise<void> {
    await this.kill(name);
    await this.launch(name);
  }

  /** SIGKILL: no graceful anything. */
  async kill(name: string): Promise<void> {
    const child = this.procs.get(name)?.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  isUp(name: string): boolean {
    const child = this.procs.get(name)?.child;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.procs.values()].map(async (p) => {
        if (!p.child || p.child.exitCode !== null || p.child.signalCode !== null) return;
        const exited = once(p.child, 'exit');
        p.child.kill('SIGTERM');
        const timer = setTimeout(() => p.child?.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }),
    );
    await Promise.all([...this.proxies.values()].map((p) => p.stop()));
  }
}
