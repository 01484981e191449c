import Joi from 'joi';
import { authEnv } from '../../lib/auth-config.js';
import { parseEnv } from '../../lib/config.js';
import {
  baseServiceConfig,
  baseServiceEnv,
  type BaseServiceEnv,
  type ServiceConfig,
} from '../../lib/service-config.js';
import { DEFAULT_HASH_COST, type HashCost } from './passwords.js';

export interface AuthServiceConfig extends ServiceConfig {
  /** Lifetime of an access token (its `exp` - `iat`). */
  tokenTtlS: number;
  /** How long a rotated-in key is published before it signs. */
  keyActivationDelayS: number;
  /** argon2id cost of the hashes it makes (the decoy for unknown users too). */
  hashCost: HashCost;
}

interface Env extends BaseServiceEnv {
  AUTH_TOKEN_TTL_S: number;
  AUTH_KEY_ACTIVATION_DELAY_S: number;
  AUTH_ARGON2_MEMORY_KIB: number;
  AUTH_ARGON2_TIME_COST: number;
}

/** The only place the auth process reads its environment. */
export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): Readonly<AuthServiceConfig> {
  const e = parseEnv(
    Joi.object<Env>({
      ...baseServiceEnv(8007, env),
      // It verifies with its own keys, and takes no service calls.
      ...authEnv({ local: true }),
      AUTH_TOKEN_TTL_S: Joi.number().integer().min(1).max(86_400).default(900),
      // Longer than the verifiers' JWKS cooldown (AUTH_JWKS_COOLDOWN_MS, 30 s by default).
      AUTH_KEY_ACTIVATION_DELAY_S: Joi.number().integer().min(0).max(86_400).default(60),
      AUTH_ARGON2_MEMORY_KIB: Joi.number()
        .integer()
        .min(8)
        .max(4_194_304)
        .default(DEFAULT_HASH_COST.memoryKib),
      AUTH_ARGON2_TIME_COST: Joi.number()
        .integer()
        .min(1)
        .max(100)
        .default(DEFAULT_HASH_COST.timeCost),
    }),
    env,
  );
  return Object.freeze({
    ...baseServiceConfig(e),
    tokenTtlS: e.AUTH_TOKEN_TTL_S,
    keyActivationDelayS: e.AUTH_KEY_ACTIVATION_DELAY_S,
    hashCost: { memoryKib: e.AUTH_ARGON2_MEMORY_KIB, timeCost: e.AUTH_ARGON2_TIME_COST },
  });
}
