import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { expect } from 'chai';
import { participantsEnv } from '../../src/lib/participant-calls.js';
import type { RunningService } from '../../src/lib/service.js';
import type { Orchestrateur } from '../../src/orchestrateur/app.js';
import { startClient } from '../../src/services/client/app.js';
import { loadClientConfig } from '../../src/services/client/config.js';
import { startAuth } from '../../src/services/auth/app.js';
import { loadAuthConfig } from '../../src/services/auth/config.js';
import { seedAccounts } from '../../seeds/demo-seed.js';
import {
  identityEnv,
  SERVICE_TOKEN,
  TEST_HASH_COST,
  TEST_SEED_DEPS,
} from '../auth/support/identity.js';
import { type ApiResponse, call } from '../contract/http.js';
import { testEnv } from '../services/support/services.js';
import { CallGate } from '../support/call-gate.js';
import { startTestOrchestrateur } from '../support/orchestrateur.js';

/** The sign-up's two participants, each behind a gate a test can hold a call at. */
export interface SignupParticipants {
  auth: RunningService;
  client: RunningService;
  gates: { auth: CallGate; client: CallGate };
  /** The orchestrator's environment for these participants (the checkout's are unused). */
  env: Record<string, string>;
  /** Restarts a service on its database and port (a crash of it, then its return). */
  restart(service: 'auth' | 'client'): Promise<void>;
  close(): Promise<void>;
}

/** Nothing listens there: the checkout's participants, which these tests never call. */
const NOWHERE = 'http://127.0.0.1:9';

/** The auth service as test/auth starts it, on an environment kept for restarts. */
async function authEnv(): Promise<NodeJS.ProcessEnv> {
  return testEnv('auth', {
    AUTH_REQUIRED: 'true',
    SERVICE_TOKEN,
    AUTH_ARGON2_MEMORY_KIB: String(TEST_HASH_COST.memoryKib),
    AUTH_ARGON2_TIME_COST: String(TEST_HASH_COST.timeCost),
  });
}

export async function startSignupParticipants(): Promise<SignupParticipants> {
  const authEnvironment = await authEnv();
  let auth = await startAuth(loadAuthConfig(authEnvironment));
  await seedAccounts(auth.db, TEST_SEED_DEPS.hashPassword);
  const clientEnv = await testEnv('client', identityEnv(auth.url));
  let client = await startClient(loadClientConfig(clientEnv));
  const gates = {
    auth: await new CallGate(() => auth.url).start(),
    client: await new CallGate(() => client.url).start(),
  };
  const env = {
    ...identityEnv(auth.url),
    ...participantsEnv(() => NOWHERE),
    CLIENT_URL: gates.client.url,
    AUTH_URL: gates.auth.url,
  };
  return {
    get auth() {
      return auth;
    },
    get client() {
      return client;
    },
    gates,
    env,
    async restart(service) {
      if (service === 'auth') {
        const PORT = String(auth.port);
        await auth.close();
        auth = await startAuth(loadAuthConfig({ ...authEnvironment, PORT }));
      } else {
        const PORT = String(client.port);
        await client.close();
        client = await startClient(loadClientConfig({ ...clientEnv, PORT }));
      }
    },
    async close() {
      await Promise.all([gates.auth.stop(), gates.client.stop()]);
      await Promise.all([client.close(), auth.close()]);
    },
  };
}

export const startSignupOrchestrateur = (
  p: SignupParticipants,
  extra: Record<string, string> = {},
  databaseUrl?: string,
): Promise<Orchestrateur> => startTestOrchestrateur({ ...p.env, ...extra }, databaseUrl);

/** A new person: unique names, a password the policy accepts. */
export function newPerson(tag = randomUUID().slice(0, 8)) {
  return {
    nom: `Personne ${tag}`,
    email: `p-${tag}@example.test`,
    username: `p-${tag}`,
    password: `Une longue phrase ${tag}!`,
  };
}

export const signUp = (
  base: string,
  person: ReturnType<typeof newPerson>,
  headers: Record<string, string> = {},
): Promise<ApiResponse> => call('POST', `${base}/api/inscriptions`, { json: person, headers });

/** Credentials of sign-ups: each account's inscription and client (null while pending). */
export async function signupAccounts(auth: Knex) {
  const { rows } = await auth.raw<{ rows: { inscription_id: string; client_id: number | null }[] }>(
    'SELECT inscription_id, client_id FROM accounts WHERE inscription_id IS NOT NULL',
  );
  return rows;
}

/** Client records made by sign-ups. */
export async function signupClients(client: Knex) {
  const { rows } = await client.raw<{ rows: { id: number; inscription_id: string }[] }>(
    'SELECT id, inscription_id FROM clients WHERE inscription_id IS NOT NULL',
  );
  return rows;
}

/**
 * The sign-up's invariant, read from both services' databases: no credentials without a
 * client record, no client record without credentials, none pending once sagas rest.
 */
export async function expectAccountsWhole(p: SignupParticipants): Promise<void> {
  const accounts = await signupAccounts(p.auth.db);
  const clients = await signupClients(p.client.db);
  expect(
    accounts.filter((a) => a.client_id === null),
    'pending credentials',
  ).to.deep.equal([]);
  const byAccount = accounts.map((a) => `${a.inscription_id}→${a.client_id}`).sort();
  const byClient = clients.map((c) => `${c.inscription_id}→${c.id}`).sort();
  expect(byAccount, 'credentials and client records pair up').to.deep.equal(byClient);
}
