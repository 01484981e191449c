import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Knex } from 'knex';
import { AppError } from '../../lib/errors.js';
import { type AccountRow, findAccount } from './accounts-repo.js';
import { ALG, type KeyRing } from './key-ring.js';
import type { LoginThrottle } from './login-throttle.js';
import type { PasswordChecker } from './passwords.js';

export interface TokenSettings {
  issuer: string;
  audience: string;
  ttlS: number;
}

export interface TokenAnswer {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

const refused = (): AppError =>
  new AppError('IDENTIFIANTS_INVALIDES', 'Unknown user or wrong password', 401);

/** The claims that say who the token is for (docs/openapi/services.yaml, bearerAuth). */
const identityClaims = (a: AccountRow): Record<string, unknown> =>
  a.role === 'client' ? { roles: ['client'], client_id: a.client_id } : { roles: ['operateur'] };

/** Username and password in, a short-lived access token out. */
export class Logins {
  constructor(
    private readonly db: Knex,
    private readonly keys: KeyRing,
    private readonly passwords: PasswordChecker,
    private readonly settings: TokenSettings,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * One database read and one argon2 verification whether the user exists or not, and the
   * same refusal for both: neither the answer nor its time tells which names exist. Before
   * that, the throttle counts the attempt under the name and the address, waits the delay
   * earned by earlier failures, or refuses it (429) without checking the password.
   */
  async login(username: string, password: string, address: string): Promise<TokenAnswer> {
    const attempt = await this.throttle.admit(username, address);
    const account = await findAccount(this.db, username);
    const ok = await this.passwords.matches(account?.password_hash, password);
    if (!account || !ok) {
      this.throttle.failed(attempt);
      throw refused();
    }
    await this.throttle.succeeded(attempt);
    return {
      access_token: await this.issue(account),
      token_type: 'Bearer',
      expires_in: this.settings.ttlS,
    };
  }

  private async issue(account: AccountRow): Promise<string> {
    const { kid, key } = await this.keys.signer();
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(identityClaims(account))
      .setProtectedHeader({ alg: ALG, kid, typ: 'JWT' })
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setSubject(account.username)
      .setIssuedAt(now)
      .setExpirationTime(now + this.settings.ttlS)
      .setJti(randomUUID())
      .sign(key);
  }
}
