import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ErrorRequestHandler } from 'express';
import type { Knex } from 'knex';
import { Counter, type Registry } from 'prom-client';
import { AppError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import {
  forgetAttempts,
  purgeAttempts,
  type Reservation,
  reserveAttempt,
  returnAttempt,
  type ThrottleScope,
} from './login-throttle-repo.js';

import type { LoginThrottleSettings, ScopeLimits } from './login-throttle-settings.js';

export { clientAddress } from '../../lib/client-address.js';

export {
  LOGIN_THROTTLE_ENV,
  type LoginThrottleEnv,
  type LoginThrottleSettings,
  loginThrottleSettings,
} from './login-throttle-settings.js';

/** How often counts no attempt touched for the window are purged. */
const PURGE_EVERY_MS = 60_000;

export class TooManyAttempts extends AppError {
  constructor(
    readonly retryAfterS: number,
    message = 'Too many failed sign-ins; retry later',
  ) {
    super('TROP_DE_TENTATIVES', message, 429);
  }
}

/** On the token route: says when to come back (RFC 9110 Retry-After, in seconds). */
export const retryAfterHeader: ErrorRequestHandler = (err, _req, res, next) => {
  if (err instanceof TooManyAttempts) res.setHeader('Retry-After', String(err.retryAfterS));
  next(err);
};

export type FailureReason = 'identifiants_invalides' | 'trop_de_tentatives';

/** An attempt admitted (counted, its delay waited), before its password is checked. */
export interface Attempt {
  username: string;
  address: string;
  /** The account's key in the counts: a hash, so that no typed name is stored. */
  accountKey: string;
}

/**
 * The brake on password guessing, shared by every instance through the auth database:
 * each attempt is counted before its password is checked, under the account's name (known
 * or not: an unknown name is treated exactly like a known one) and under its address.
 */
export class LoginThrottle {
  private readonly failures: Counter<'raison'>;
  private readonly blocks: Counter<'portee'>;
  private purging: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Knex,
    private readonly settings: LoginThrottleSettings,
    private readonly logger: Logger,
    registry: Registry,
  ) {
    this.failures = new Counter({
      name: 'auth_connexions_echouees_total',
      help: 'Sign-ins refused, by reason (wrong credentials, or too many attempts: 429)',
      labelNames: ['raison'],
      registers: [registry],
    });
    this.blocks = new Counter({
      name: 'auth_connexions_bloquees_total',
      help: 'Accounts or client addresses blocked after too many failed sign-ins',
      labelNames: ['portee'],
      registers: [registry],
    });
  }

  /**
   * Counts the attempt, waits the delay its count has earned (the same whether the
   * password is right or not), or refuses it with 429 while the account or address is blocked.
   */
  async admit(username: string, address: string): Promise<Attempt> {
    const accountKey = createHash('sha256').update(username).digest('hex');
    const [account, fromAddress] = await Promise.all([
      this.reserve('account', accountKey, username, address),
      this.reserve('address', address, username, address),
    ]);
    const retryAfterS = Math.max(account.retry_after_s ?? 0, fromAddress.retry_after_s ?? 0);
    if (retryAfterS > 0) {
      this.failures.inc({ raison: 'trop_de_tentatives' });
      this.logger.warn('sign-in refused: too many attempts', { username, address, retryAfterS });
      throw new TooManyAttempts(retryAfterS);
    }
    const delayMs = Math.max(
      this.delay(account.attempts, this.settings.account),
      this.delay(fromAddress.attempts, this.settings.address),
    );
    if (delayMs > 0) await sleep(delayMs);
    return { username, address, accountKey };
  }

  /**
   * A sign-up from this address (POST /api/auth/inscriptions): counted under the address
   * like a sign-in, so sign-ups and failed sign-ins from one address add up, and refused
   * (429) while the address is blocked. Unlike a sign-in it is never delayed: a sign-up is
   * a saga step with a short timeout, and a delay would only come back as retries, each
   * counted again. Counted whatever its outcome: making accounts in bulk is what it brakes.
   */
  async admitSignup(address: string): Promise<void> {
    const fromAddress = await this.reserve('address', address, '', address);
    const retryAfterS = fromAddress.retry_after_s ?? 0;
    if (retryAfterS > 0) {
      this.logger.warn('sign-up refused: too many attempts', { address, retryAfterS });
      throw new TooManyAttempts(retryAfterS, 'Too many attempts from this address; retry later');
    }
  }

  /** The password was right: the account starts again from zero, the address gets its attempt back. */
  async succeeded(attempt: Attempt): Promise<void> {
    await Promise.all([
      forgetAttempts(this.db, 'account', attempt.accountKey),
      returnAttempt(this.db, 'address', attempt.address),
    ]);
  }

  /** The attempt stays counted. Never the password in the log. */
  failed(attempt: Attempt): void {
    this.failures.inc({ raison: 'identifiants_invalides' });
    this.logger.warn('sign-in refused: invalid credentials', {
      username: attempt.username,
      address: attempt.address,
    });
  }

  /** Forgets the counts of the quiet ones, every minute, on each instance (cheap, idempotent). */
  start(): void {
    this.purging = setInterval(() => {
      purgeAttempts(this.db, this.settings.windowS).catch((err: unknown) => {
        this.logger.warn('could not purge old sign-in counts', { err });
      });
    }, PURGE_EVERY_MS);
    this.purging.unref();
  }

  stop(): void {
    clearInterval(this.purging);
  }

  private async reserve(
    scope: ThrottleScope,
    key: string,
    username: string,
    address: string,
  ): Promise<Reservation> {
    const limits = this.settings[scope];
    const r = await reserveAttempt(this.db, scope, key, {
      maxAttempts: limits.maxAttempts,
      blockS: this.settings.blockS,
      windowS: this.settings.windowS,
    });
    if (r.started) {
      this.blocks.inc({ portee: scope === 'account' ? 'compte' : 'adresse' });
      this.logger.warn(`sign-ins blocked for this ${scope}`, {
        username,
        address,
        attempts: r.attempts,
        blockS: this.settings.blockS,
      });
    }
    return r;
  }

  /** None for the free attempts, then delayMs doubling with each one, up to maxDelayMs. */
  private delay(attempts: number, limits: ScopeLimits): number {
    const beyond = attempts - limits.freeAttempts;
    if (beyond <= 0) return 0;
    return Math.min(
      this.settings.delayMs * 2 ** Math.min(beyond - 1, 30),
      this.settings.maxDelayMs,
    );
  }
}
