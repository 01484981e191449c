import { randomUUID } from 'node:crypto';
import type { RunningService } from '../../../src/lib/service.js';
import { type ApiResponse, call } from '../../contract/http.js';
import { expectDocumented } from '../../services/support/openapi.js';
import { bearer, SERVICE_TOKEN } from './identity.js';

/** The calls of the sign-up saga to the auth service, as the orchestrator makes them. */
export type Step = 'identifiants' | 'supprimer_identifiants' | 'activation';

export type Answer = ApiResponse<{
  inscription_id?: string;
  etat?: string;
  client_id?: number;
  error?: { code: string; message: string };
}>;

/**
 * A POST with the service token and the contract's `Idempotency-Key: <id>:<step>`; every
 * answer must be one docs/openapi/services.yaml describes.
 */
export async function sagaCall(
  url: string,
  id: string,
  step: Step,
  json: unknown,
): Promise<Answer> {
  const res: Answer = await call('POST', url, {
    json,
    headers: { ...bearer(SERVICE_TOKEN), 'idempotency-key': `${id}:${step}` },
  });
  expectDocumented('POST', url, res);
  return res;
}

let n = 0;

/** A new person's credentials: a unique username, a password the policy accepts. */
export function newCredentials(adresse = '203.0.113.1') {
  n += 1;
  const tag = `${Date.now().toString(36)}${n}`;
  return {
    inscription_id: randomUUID() as string,
    username: `p.${tag}`,
    password: `Une longue phrase ${tag}!`,
    adresse,
  };
}

export type Credentials = ReturnType<typeof newCredentials>;

/** The three calls of the auth service's part of the sign-up, on one service. */
export const authSteps = (auth: () => RunningService) => ({
  reserver: (c: Credentials) =>
    sagaCall(`${auth().url}/api/auth/inscriptions`, c.inscription_id, 'identifiants', c),
  annuler: (id: string) =>
    sagaCall(`${auth().url}/api/auth/inscriptions/${id}/annuler`, id, 'supprimer_identifiants', {
      inscription_id: id,
    }),
  activer: (id: string, clientId: number) =>
    sagaCall(`${auth().url}/api/auth/inscriptions/${id}/activer`, id, 'activation', {
      inscription_id: id,
      client_id: clientId,
    }),
});

export interface AccountState {
  username: string;
  etat: string;
  role: string;
  client_id: number | null;
  password_hash: string;
}

/** The account an inscription made, as stored. */
export async function accountOf(
  auth: RunningService,
  inscriptionId: string,
): Promise<AccountState | undefined> {
  const { rows } = await auth.db.raw<{ rows: AccountState[] }>(
    `SELECT username, etat, role, client_id, password_hash FROM accounts
      WHERE inscription_id = :inscriptionId`,
    { inscriptionId },
  );
  return rows[0];
}

export async function tombstoned(auth: RunningService, inscriptionId: string): Promise<boolean> {
  const { rows } = await auth.db.raw<{ rows: unknown[] }>(
    'SELECT 1 FROM inscriptions_annulees WHERE inscription_id = :inscriptionId',
    { inscriptionId },
  );
  return rows.length === 1;
}
