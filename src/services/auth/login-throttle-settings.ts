import Joi from 'joi';
import { listed, trustedProxiesEnv } from '../../lib/client-address.js';

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

const count = (fallback: number): Joi.NumberSchema =>
  Joi.number().integer().min(1).max(1_000_000).default(fallback);
const free = (fallback: number, max: string): Joi.NumberSchema =>
  Joi.number().integer().min(0).max(Joi.ref(max)).default(fallback);

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
  AUTH_TRUSTED_PROXIES: trustedProxiesEnv(),
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
