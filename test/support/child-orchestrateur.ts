import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { createDb, migrate } from '../../src/lib/db.js';
import { MIGRATIONS_DIR } from '../../src/orchestrateur/app.js';
import { freshDatabaseUrl } from './postgres.js';
import { participantsEnv } from '../../src/lib/participant-calls.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildOrchestrateur {
  proc: ChildProcess;
  url: string;
  owner: string;
  exited: Promise<number | null>;
  logs: Record<string, unknown>[];
}

/** Starts the orchestrator as a real process (`src/main.ts orchestrateur`) and waits until it listens. */
export function spawnOrchestrateur(env: Record<string, string>): Promise<ChildOrchestrateur> {
  return spawnNode(['src/main.ts', 'orchestrateur'], env, 'orchestrateur listening');
}

/** Runs a TypeScript entry point with tsx; resolves when it logs `ready` (JSON lines on stdout). */
export function spawnNode(
  args: string[],
  env: Record<string, string>,
  ready: string,
): Promise<ChildOrchestrateur> {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      // Identity is not what these children are for (the saga's calls use the service token).
      AUTH_REQUIRED: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((resolve) =>
    proc.once('exit', (code) => resolve(code)),
  );
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      logs.push(entry);
      if (entry.message === ready) {
        resolve({ proc, url: String(entry.url), owner: String(entry.owner), exited, logs });
      }
    });
    void exited.then((code) =>
      reject(new Error(`orchestrateur exited early (${code}): ${stderr}`)),
    );
  });
}

/** Short leases, frequent recovery scans and quick retries: a takeover within a second. */
export const FAST_RECOVERY: Readonly<Record<string, string>> = {
  SAGA_LEASE_MS: '800',
  RECOVERY_INTERVAL_MS: '150',
  SAGA_RETRY_BASE_MS: '10',
  SAGA_RETRY_MAX_MS: '50',
  SAGA_BUDGET_MS: '3000',
};

/**
 * A fresh migrated database and the environment of child orchestrators whose four
 * participants are `participantsUrl` (one FakeParticipants), plus `settings`.
 */
export async function childDatabase(
  name: string,
  participantsUrl: string,
  settings: Record<string, string>,
): Promise<{ db: Knex; env: Record<string, string> }> {
  const url = await freshDatabaseUrl(name);
  const db = createDb({ url, poolMax: 2, applicationName: `${name}-test` });
  await migrate(db, MIGRATIONS_DIR);
  const env = {
    DATABASE_URL: url,
    ...participantsEnv(() => participantsUrl),
    ...settings,
  };
  return { db, env };
}
