/**
 * Identity for the bench's clients: an account each in the auth database, then a real access
 * token each from `POST /api/auth/token`, so that every checkout carries the token of the
 * client it is for and the orchestrator checks it as it checks a shopper's.
 */
import type { Knex } from 'knex';
import { hashPassword } from '../../src/services/auth/passwords.js';

const PASSWORD = 'bench-password';
/**
 * The smallest argon2id cost the auth service accepts: a login verifies against the cost
 * stored in the hash, and thousands of logins before each level are setup, not what is
 * measured (a shopper's login costs ~30 ms of argon2 at the default cost).
 */
const CHEAP = { memoryKib: 8, timeCost: 1 };
const LOGINS_AT_ONCE = 8;

const hashOnce = hashPassword(PASSWORD, CHEAP);

const username = (clientId: number): string => `bench-${clientId}`;

/** Accounts for clients [first, first + count), all with the same password. */
export async function createAccounts(auth: Knex, first: number, count: number): Promise<void> {
  await auth.raw(
    `INSERT INTO accounts (username, password_hash, role, client_id)
     SELECT 'bench-' || g, :hash, 'client', g
       FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) g`,
    { hash: await hashOnce, first, last: first + count - 1 },
  );
}

async function login(authUrl: string, clientId: number): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    const res = await fetch(`${authUrl}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: username(clientId), password: PASSWORD }),
    });
    const body = (await res.json()) as { access_token?: string };
    if (res.ok && body.access_token) return body.access_token;
    if (attempt >= 3) throw new Error(`login of client ${clientId}: ${res.status}`);
  }
}

/** A token for each client of [first, first + count), index i for client first + i. */
export async function logIn(authUrl: string, first: number, count: number): Promise<string[]> {
  const tokens: string[] = new Array<string>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next;
      next += 1;
      tokens[i] = await login(authUrl, first + i);
    }
  };
  await Promise.all(Array.from({ length: LOGINS_AT_ONCE }, worker));
  return tokens;
}
