/**
 * Who the chaos customers are to the system: one account per client and an operator, with
 * cheap password hashes (the run is about sagas, not about argon2), and the tokens they get
 * by signing in like anyone, kept until the services say they are no good any more.
 */
import type { Knex } from 'knex';
import { ACCOUNT, insertMissing } from '../seeds/demo-seed.js';
import { hashPassword } from '../src/services/auth/passwords.js';
import { CLIENTS } from './seed.js';

const CHEAP = { memoryKib: 1024, timeCost: 1 };
const OPERATEUR = 'chaos-operateur';
const usernameOf = (clientId: number): string => `chaos-client-${clientId}`;
const passwordOf = (username: string): string => `${username}-password`;

export async function seedAccounts(auth: Knex): Promise<void> {
  const accounts = [
    ...CLIENTS.map((c) => ({ username: usernameOf(c.id), role: 'client', client_id: c.id })),
    { username: OPERATEUR, role: 'operateur', client_id: null },
  ];
  const rows = await Promise.all(
    accounts.map(async (a) => ({
      ...a,
      password_hash: await hashPassword(passwordOf(a.username), CHEAP),
    })),
  );
  await insertMissing(auth, 'accounts', ACCOUNT, rows);
}

export class Tokens {
  private readonly cache = new Map<string, Promise<string>>();

  constructor(private readonly authUrl: string) {}

  client(clientId: number): Promise<string> {
    return this.token(usernameOf(clientId));
  }

  operateur(): Promise<string> {
    return this.token(OPERATEUR);
  }

  /** The services refused it (expired, or keys rotated): the next call signs in again. */
  forget(clientId: number | 'operateur'): void {
    this.cache.delete(clientId === 'operateur' ? OPERATEUR : usernameOf(clientId));
  }

  private token(username: string): Promise<string> {
    let token = this.cache.get(username);
    if (!token) {
      token = this.signIn(username);
      token.catch(() => this.cache.delete(username));
      this.cache.set(username, token);
    }
    return token;
  }

  private async signIn(username: string): Promise<string> {
    const res = await fetch(`${this.authUrl}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: passwordOf(username) }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`sign-in of ${username}: ${res.status}`);
    return ((await res.json()) as { access_token: string }).access_token;
  }
}
