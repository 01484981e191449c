import Joi from 'joi';
import { authEnv } from '../../lib/auth-config.js';
import { parseEnv } from '../../lib/config.js';
import {
  baseServiceConfig,
  baseServiceEnv,
  type BaseServiceEnv,
  type ServiceConfig,
} from '../../lib/service-config.js';
import {
  LOGIN_THROTTLE_ENV,
  loginThrottleSettings,
  type LoginThrottleEnv,
  type LoginThrottleSettings,
} from './login-throttle.js';
import {
  FIRST_OPERATOR_ENV,
  type FirstOperator,
  type FirstOperatorEnv,
  firstOperatorSettings,
} from './first-operator.js';
import {
  type KeyEncryptionEnv,
  keyEncryptionEnv,
  type KeyEncryptionKeys,
  keyEncryptionKeys,
} from './key-crypto.js';
import { DEFAULT_HASH_COST, type HashCost } from './passwords.js';

export interface AuthServiceConfig extends ServiceConfig {
  /** Lifetime of an access token (its `exp` - `iat`). */
  tokenTtlS: number;
  /** How long a rotated-in key is published before it signs. */
  keyActivationDelayS: number;
  /** argon2id cost of the hashes it makes (the decoy for unknown users too). */
  hashCost: HashCost;
  /** Encrypt the private signing keys at rest (AUTH_KEY_ENCRYPTION_KEY[_PREVIOUS]). */
  keyEncryption: KeyEncryptionKeys;
  /** Created at start-up when no operator exists (OPERATOR_USERNAME, OPERATOR_PASSWORD). */
  firstOperator: FirstOperator | undefined;
  /** The system runs with the demo data and its public accounts (DEMO_DATA). */
  demoData: boolean;
  /** Failed sign-ins: delays, then 429, per account and per address (login-throttle.ts). */
  loginThrottle: LoginThrottleSettings;
}

const seconds = (fallback: number, min: number): Joi.NumberSchema =>
  Joi.number().integer().min(min).max(86_400).default(fallback);

/** The auth service's own variables, besides every service's. */
const OWN_ENV = {
  AUTH_TOKEN_TTL_S: seconds(900, 1),
  // Longer than the verifiers' JWKS cooldown (AUTH_JWKS_COOLDOWN_MS, 30 s by default).
  AUTH_KEY_ACTIVATION_DELAY_S: seconds(60, 0),
  AUTH_ARGON2_MEMORY_KIB: Joi.number()
    .integer()
    .min(8)
    .max(4_194_304)
    .default(DEFAULT_HASH_COST.memoryKib),
  AUTH_ARGON2_TIME_COST: Joi.number().integer().min(1).max(100).default(DEFAULT_HASH_COST.timeCost),
};

type Env = BaseServiceEnv &
  Record<keyof typeof OWN_ENV, number> &
  KeyEncryptionEnv &
  FirstOperatorEnv &
  LoginThrottleEnv;

/** The only place the auth process reads its environment. */
export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): Readonly<AuthServiceConfig> {
  // It verifies with its own keys and takes no service call: authEnv({ local: true }).
  const keys = {
    ...baseServiceEnv(8007, env),
    ...authEnv({ local: true }),
    ...OWN_ENV,
    ...keyEncryptionEnv(env),
    ...FIRST_OPERATOR_ENV,
    ...LOGIN_THROTTLE_ENV,
  };
  const e = parseEnv(Joi.object<Env>(keys), env);
  return Object.freeze({
    ...baseServiceConfig(e, env),
    tokenTtlS: e.AUTH_TOKEN_TTL_S,
    keyActivationDelayS: e.AUTH_KEY_ACTIVATION_DELAY_S,
    hashCost: { memoryKib: e.AUTH_ARGON2_MEMORY_KIB, timeCost: e.AUTH_ARGON2_TIME_COST },
    keyEncryption: keyEncryptionKeys(e),
    firstOperator: firstOperatorSettings(e),
    demoData: e.DEMO_DATA,
    loginThrottle: loginThrottleSettings(e),
  });
}
