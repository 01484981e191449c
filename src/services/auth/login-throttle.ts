import { createHash } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ErrorRequestHandler, Request } from 'express';
import Joi from 'joi';
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

/** How failed sign-ins are slowed down, then refused, per account and per client address. */
export interface LoginThrottleSettings {
  account: ScopeLimits;
  address: ScopeLimits;
  /** Delay of the first slowed attempt; it doubles with each further one, up to maxDelayMs. */
  delayMs: number;
  maxDelayMs: number;
  /** How long a key stays refused (429) once past its limit. */
  blockS: number;
  /** A count with no attempt for that long is forgotten (and purged). */
  windowS: number;
  /** Proxies whose X-Forwarded-For is believed (addresses or subnets); none by default. */
  trustedProxies: readonly string[];
}

export interface ScopeLimits {
  /** Attempts answered without delay. */
  freeAttempts: number;
  /** Attempts checked at all; the next one is refused for blockS seconds. */
  maxAttempts: number;
}

const PURGE_EVERY_MS = 60_000;

const count = (fallback: number): Joi.NumberSchema =>
  Joi.number().integer().min(1).max(1_000_000).default(fallback);
const free = (fallback: number, max: string): Joi.NumberSchema =>
  Joi.number().integer().min(0).max(Joi.ref(max)).default(fallback);

/** `a, b,c` → `['a', 'b', 'c']`. */
const listed = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** An address (`10.0.0.1`, `::1`) or a subnet (`172.16.0.0/12`). */
const addressOrSubnet = (value: string): boolean => {
  const [ip = '', bits, ...rest] = value.split('/');
  const family = isIP(ip);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n <= (family === 4 ? 32 : 128);
};

/** The joi keys of the throttle's variables (spread into the auth service's schema). */
export const LOGIN_THROTTLE_ENV = {
  AUTH_LOGIN_ACCOUNT_MAX_ATTEMPTS: count(10),
  AUTH_LOGIN_ACCOUNT_FREE_ATTEMPTS: free(3, 'AUTH_LOGIN_ACCOUNT_MAX_ATTEMPTS'),
  AUTH_LOGIN_ADDRESS_MAX_ATTEMPTS: count(100),
  AUTH_LOGIN_ADDRESS_FREE_ATTEMPTS: free(20, 'AUTH_LOGIN_ADDRESS_MAX_ATTEMPTS'),
  AUTH_LOGIN_DELAY_MS: Joi.number().integer().min(0).max(10_000).default(250),
  // Under the gateway's 5 s timeout, argon2 included.
  AUTH_LOGIN_MAX_DELAY_MS: Joi.number()
    .integer()
    .min(Joi.ref('AUTH_LOGIN_DELAY_MS'))
    .max(10_000)
    .default(2000),
  AUTH_LOGIN_BLOCK_S: Joi.number().integer().min(1).max(86_400).default(300),
  AUTH_LOGIN_WINDOW_S: Joi.number().integer().min(1).max(86_400).default(900),
  AUTH_TRUSTED_PROXIES: Joi.string()
    .allow('')
    .default('')
    .custom((value: string, helpers) =>
      listed(value).every(addressOrSubnet) ? value : helpers.error('any.invalid'),
    )
    .messages({ 'any.invalid': '{{#label}} must list addresses or subnets (a.b.c.d/nn)' }),
};

export interface LoginThrottleEnv {
  AUTH_LOGIN_ACCOUNT_MAX_ATTEMPTS: number;
  AUTH_LOGIN_ACCOUNT_FREE_ATTEMPTS: number;
  AUTH_LOGIN_ADDRESS_MAX_ATTEMPTS: number;
  AUTH_LOGIN_ADDRESS_FREE_ATTEMPTS: number;
  AUTH_LOGIN_DELAY_MS: number;
  AUTH_LOGIN_MAX_DELAY_MS: number;
  AUTH_LOGIN_BLOCK_S: number;
  AUTH_LOGIN_WINDOW_S: number;
  AUTH_TRUSTED_PROXIES: string;
}

export const loginThrottleSettings = (e: LoginThrottleEnv): LoginThrottleSettings => ({
  account: {
    freeAttempts: e.AUTH_LOGIN_ACCOUNT_FREE_ATTEMPTS,
    maxAttempts: e.AUTH_LOGIN_ACCOUNT_MAX_ATTEMPTS,
  },
  address: {
    freeAttempts: e.AUTH_LOGIN_ADDRESS_FREE_ATTEMPTS,
    maxAttempts: e.AUTH_LOGIN_ADDRESS_MAX_ATTEMPTS,
  },
  delayMs: e.AUTH_LOGIN_DELAY_MS,
  maxDelayMs: e.AUTH_LOGIN_MAX_DELAY_MS,
  blockS: e.AUTH_LOGIN_BLOCK_S,
  windowS: e.AUTH_LOGIN_WINDOW_S,
  trustedProxies: Object.freeze(listed(e.AUTH_TRUSTED_PROXIES)),
});

function proxyList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [ip = '', bits] = entry.split('/');
    const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(ip, family);
    else list.addSubnet(ip, Number(bits), family);
  }
  return list;
}

/** `::ffff:10.0.0.1` (an IPv4 peer of a dual-stack socket) is `10.0.0.1`. */
const plain = (address: string): string => {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  return v4 ?? address;
};

const trusts = (proxies: BlockList, address: string): boolean => {
  const family = isIP(address);
  return family !== 0 && proxies.check(address, family === 6 ? 'ipv6' : 'ipv4');
};

/**
 * Who is signing in: the address Express gives (the TCP peer: `trust proxy` is not set). Only
 * when that peer is one of the trusted proxies is its X-Forwarded-For read, from the right,
 * up to the first address that is not a trusted proxy; anyone else can write that header.
 */
export function clientAddress(trustedProxies: readonly string[]): (req: Request) => string {
  const proxies = proxyList(trustedProxies);
  return (req) => {
    const peer = plain(req.ip ?? req.socket.remoteAddress ?? 'inconnue');
    return trustedProxies.length === 0 ? peer : forwardedFor(req, peer, proxies);
  };
}

function forwardedFor(req: Request, peer: string, proxies: BlockList): string {
  const chain = (req.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  let address = peer;
  while (trusts(proxies, address) && chain.length > 0) address = plain(chain.pop() ?? address);
  return address;
}

/** Refused before its password was checked: too many attempts for this account or address. */
export class TooManyAttempts extends AppError {
  constructor(readonly retryAfterS: number) {
    super('TROP_DE_TENTATIVES', 'Too many failed sign-ins; retry later', 429);
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
