/** The `npm start` supervisor as a child process: start it, wait for it, stop it. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { SYSTEM_SERVICES, type SystemService } from '../../src/system/config.js';
import { childrenByService } from './procs.js';

export interface Running {
  supervisor: ChildProcess;
  exited: Promise<unknown>;
  ports: Record<SystemService, number>;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** `node --import tsx src/main.ts all`, as `npm start` runs it, on the given database server. */
export function startSupervisor(adminUrl: string, ports: number[], logFd: number): Running {
  const portOf = Object.fromEntries(SYSTEM_SERVICES.map((s, i) => [s, ports[i] ?? 0])) as Record<
    SystemService,
    number
  >;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['PORT', 'BASE_PORT', 'DATABASE_URL', 'SERVICES', 'DB_PREFIX', 'SERVICE_TOKEN']) {
    delete env[k];
  }
  Object.assign(env, {
    DATABASE_URL: adminUrl,
    SEED: 'false',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    // What users run: identity checked (the bench's clients have accounts and tokens, the
    // saga's calls the service token) and the orchestrator's own admission limits.
    AUTH_REQUIRED: 'true',
    // The web front and its gateway are not measured.
    WEB: 'false',
    ...Object.fromEntries(SYSTEM_SERVICES.map((s) => [`${s.toUpperCase()}_PORT`, portOf[s]])),
  });
  const supervisor = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'all'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', logFd, logFd],
  });
  const exited = once(supervisor, 'exit');
  return { supervisor, exited, ports: portOf };
}

/** Until every service answers 200 on /ready; fails fast if the supervisor exits. */
export async function waitReady(run: Running): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  const pending = new Set(SYSTEM_SERVICES);
  while (pending.size > 0) {
    if (run.supervisor.exitCode !== null || run.supervisor.signalCode !== null) {
      throw new Error(`the system exited during start-up (code ${run.supervisor.exitCode})`);
    }
    if (Date.now() > deadline) throw new Error(`not ready: ${[...pending].join(', ')}`);
    for (const s of [...pending]) {
      const res = await fetch(`http://127.0.0.1:${run.ports[s]}/ready`, {
        signal: AbortSignal.timeout(1_000),
      }).catch(() => undefined);
      if (res?.status === 200) pending.delete(s);
    }
    if (pending.size > 0) await sleep(250);
  }
}

/** SIGTERM, then SIGKILL to the supervisor and its children if it has not exited in time. */
export async function stopSupervisor(run: Running, say: (m: string) => void): Promise<void> {
  const { supervisor } = run;
  if (supervisor.exitCode !== null || supervisor.signalCode !== null) return;
  // Read before SIGTERM: once the supervisor is gone its children are no longer findable.
  const children = supervisor.pid ? await childrenByService(supervisor.pid) : new Map();
  supervisor.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>(
    (r) => (timer = setTimeout(() => r('timeout'), STOP_TIMEOUT_MS)),
  );
  const outcome = await Promise.race([run.exited, timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    say(`the system did not stop within ${STOP_TIMEOUT_MS} ms: killing it`);
    supervisor.kill('SIGKILL');
    for (const pid of children.values()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await run.exited;
  }
}
