import { request as httpRequest } from 'node:http';
import nock from 'nock';
import { type Orchestrateur, startOrchestrateur } from '../../src/orchestrateur/app.js';
import { loadOrchestrateurConfig } from '../../src/orchestrateur/config.js';
import {
  participantServices,
  type ParticipantService,
  participantsEnv,
} from '../../src/lib/participant-calls.js';
import { freshDatabaseUrl } from './postgres.js';

/** Each participant service at `http://<service>.test` (nock answers them). */
export const SERVICE_URLS = Object.fromEntries(
  participantServices().map((s) => [s, `http://${s}.test`]),
) as Readonly<Record<ParticipantService, string>>;

/**
 * Small retry delays and timeouts so failure paths run in milliseconds; no identity checks
 * (test/auth tests identity).
 */
export const TEST_ENV: Record<string, string> = {
  HOST: '127.0.0.1',
  PORT: '0',
  ...participantsEnv((s) => SERVICE_URLS[s]),
  SAGA_STEP_TIMEOUT_MS: '1000',
  SAGA_STEP_RETRIES: '3',
  SAGA_COMPENSATION_RETRIES: '4',
  SAGA_RETRY_BASE_MS: '5',
  SAGA_RETRY_MAX_MS: '20',
  SAGA_BUDGET_MS: '5000',
  SAGA_LEASE_MS: '60000',
  RECOVERY_INTERVAL_MS: '30000',
  SHUTDOWN_GRACE_MS: '2000',
  AUTH_REQUIRED: 'false',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
};

export async function startTestOrchestrateur(
  env: Record<string, string> = {},
  databaseUrl?: string,
): Promise<Orchestrateur> {
  const config = loadOrchestrateurConfig({ ...TEST_ENV, ...env });
  return startOrchestrateur({
    ...config,
    databaseUrl: databaseUrl ?? (await freshDatabaseUrl('orch')),
  });
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  text: string;
}

/** A plain HTTP call to our own server (not through got, so nock rules never apply). */
export function call(
  base: string,
  method: string,
  path: string,
  opts: { json?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> {
  const payload = opts.raw ?? (opts.json === undefined ? undefined : JSON.stringify(opts.json));
  const headers: Record<string, string> = { ...opts.headers };
  if (payload !== undefined) {
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = undefined;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          body = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text });
      });
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/**
 * One orchestrator for the whole suite (started before, stopped after), with nock's
 * interceptors cleared after each test. Call the returned function inside tests.
 */
export function useOrchestrateur(env: Record<string, string> = {}): () => Orchestrateur {
  let orch: Orchestrateur | undefined;
  before(async () => {
    orch = await startTestOrchestrateur(env);
  });
  after(async () => {
    await orch?.stop();
  });
  afterEach(() => nock.cleanAll());
  return () => {
    if (!orch) throw new Error('orchestrateur not started');
    return orch;
  };
}
