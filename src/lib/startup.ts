import http from 'node:http';
import type { Knex } from 'knex';
import type { Logger } from './logger.js';

/**
 * Start-up in a deployment: a service waits for what it needs (its database, the auth
 * service's key set) instead of crash-looping, and says what it waits for in its log and on
 * its port, so that a healthcheck (and `docker inspect`) shows the reason.
 */

/** What a dependency's last failure means: still coming up, or a setting to fix. */
export interface Blocker {
  /** A setting is wrong (password, database name): waiting alone will not fix it. */
  misconfigured: boolean;
  message: string;
}

const where = (url: string): string => {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}${u.pathname} as ${decodeURIComponent(u.username)}`;
};

/** PostgreSQL's and the network's error codes, in words saying what to change. */
export function databaseBlocker(err: unknown, url: string): Blocker {
  const e = err as { code?: string; message?: string };
  const at = `database ${where(url)}`;
  switch (e.code) {
    case '28P01':
    case '28000':
      return {
        misconfigured: true,
        message:
          `${at} refuses the login (${e.message}): the password in DATABASE_URL is not the ` +
          "role's. The role's password is set when the database volume is first created " +
          '(<NAME>_DB_PASSWORD): put that one back, or ALTER ROLE in the database',
      };
    case '3D000':
      return { misconfigured: true, message: `${at} does not exist (${e.message})` };
    default:
      return {
        misconfigured: false,
        message: `waiting for ${at}: ${e.code ?? ''} ${e.message ?? String(err)}`.trim(),
      };
  }
}

export interface WaitOptions {
  logger: Logger;
  /** Told the current reason while waiting (the start-up probe shows it). */
  report?: (blocker: Blocker) => void;
  /** First pause between attempts; doubled up to maxDelayMs. */
  delayMs?: number;
  maxDelayMs?: number;
}

/**
 * Calls `attempt` until it resolves, logging each new reason once (and again every 30 s):
 * a warning while the dependency comes up, an error when a setting is wrong.
 */
export async function waitFor<T>(
  attempt: () => Promise<T>,
  explain: (err: unknown) => Blocker,
  opts: WaitOptions,
): Promise<T> {
  let delay = opts.delayMs ?? 500;
  let last = '';
  let loggedAt = 0;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      const blocker = explain(err);
      opts.report?.(blocker);
      if (blocker.message !== last || Date.now() - loggedAt > 30_000) {
        if (blocker.misconfigured) opts.logger.error(blocker.message);
        else opts.logger.warn(blocker.message);
        last = blocker.message;
        loggedAt = Date.now();
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, opts.maxDelayMs ?? 5000);
    }
  }
}

/** Resolves once the database answers; the pool's own errors are the reasons. */
export function waitForDatabase(db: Knex, url: string, opts: WaitOptions): Promise<void> {
  return waitFor(
    async () => {
      await db.raw('SELECT 1');
    },
    (err) => databaseBlocker(err, url),
    opts,
  );
}

/** Resolves once the key set answers with at least one key (tokens can be verified). */
export function waitForKeySet(url: string, opts: WaitOptions): Promise<void> {
  return waitFor(
    async () => {
      const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
      const body = (await res.json().catch(() => ({}))) as { keys?: unknown[] };
      if (!res.ok || !Array.isArray(body.keys) || body.keys.length === 0)
        throw new Error(`answered ${res.status} without keys`);
    },
    (err) => {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      const text = err instanceof Error ? err.message : String(err);
      return {
        misconfigured: false,
        message: `waiting for the key set at ${url} (AUTH_JWKS_URL): ${cause ?? text}`,
      };
    },
    opts,
  );
}

export interface StartupProbe {
  set(status: 'starting' | 'failed', reason: string): void;
  close(): Promise<void>;
}

/**
 * Until the service listens, its port answers every request 503 with why (status and
 * reason as JSON), so the healthcheck fails with the reason instead of "connection refused".
 */
export async function startupProbe(
  service: string,
  host: string,
  port: number,
): Promise<StartupProbe> {
  let state = { status: 'starting', reason: 'starting' };
  const server = http.createServer((_req, res) => {
    // connection: close, so no client keeps a socket the real server will not answer on.
    res.writeHead(503, {
      'content-type': 'application/json',
      'retry-after': '5',
      connection: 'close',
    });
    res.end(JSON.stringify({ service, ...state }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    set: (status, reason) => {
      state = { status, reason };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A service that cannot start (a missing or invalid setting) in a container: rather than exit
 * and be restarted into the same error, it logs the reason and keeps answering it, 503 on
 * every path of its port, until stopped; `docker ps` shows it unhealthy and the healthcheck
 * prints why. Only with HOLD_FAILED_START=true (the image sets it) and a port to answer on;
 * otherwise the caller exits 1 as before. Reads process.env itself: the service's own
 * config is what failed.
 */
export async function holdFailedStart(service: string, err: unknown): Promise<boolean> {
  const env = process.env;
  const port = Number.parseInt(env.PORT ?? '', 10);
  if (env.HOLD_FAILED_START !== 'true' || !Number.isInteger(port)) return false;
  const reason = err instanceof Error ? err.message : String(err);
  const probe = await startupProbe(service, env.HOST ?? '0.0.0.0', port).catch(() => undefined);
  if (!probe) return false;
  probe.set('failed', reason);
  process.stderr.write(
    `${JSON.stringify({ level: 'error', service, message: `cannot start: ${reason}` })}\n`,
  );
  const stop = (): void => void probe.close().then(() => process.exit(1));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return true;
}
