import Joi from 'joi';
import { httpUrl } from './config.js';

/** How a process checks who calls it (src/lib/auth.ts). */
export interface AuthConfig {
  /** false: no identity is checked at all (behind another gateway, or in tests). */
  required: boolean;
  /** The auth service's public keys (`/.well-known/jwks.json`); unused by the auth service. */
  jwksUrl: string | undefined;
  issuer: string;
  audience: string;
  /** The shared secret of service-to-service calls: accepted as principal 'service', and sent. */
  serviceToken: string | undefined;
  /** After a key id it does not know, how soon the key set may be fetched again. */
  jwksCooldownMs: number;
}

export interface AuthEnv {
  AUTH_REQUIRED: boolean;
  AUTH_JWKS_URL?: string;
  AUTH_ISSUER: string;
  AUTH_AUDIENCE: string;
  SERVICE_TOKEN?: string;
  AUTH_JWKS_COOLDOWN_MS: number;
}

export const DEFAULT_ISSUER = 'saga-retail';
export const DEFAULT_AUDIENCE = 'saga-retail-api';
/** jose's default: a token with an unknown `kid` refetches the key set at most this often. */
export const DEFAULT_JWKS_COOLDOWN_MS = 30_000;
export const MIN_SERVICE_TOKEN_LENGTH = 32;

const whenRequired = (schema: Joi.Schema, hint: string): Joi.Schema =>
  schema
    .when('AUTH_REQUIRED', { is: true, then: Joi.required() })
    .messages({ 'any.required': `{{#label}} is required unless AUTH_REQUIRED=false (${hint})` });

/**
 * The joi keys of the identity variables; spread them into a process's schema. The auth
 * service (`local: true`) verifies with its own keys and neither sends nor takes the
 * service token, so it needs neither AUTH_JWKS_URL nor SERVICE_TOKEN.
 */
export function authEnv(opts: { local?: boolean } = {}): Required<Joi.PartialSchemaMap<AuthEnv>> {
  const jwksUrl = httpUrl();
  const serviceToken = Joi.string()
    .min(MIN_SERVICE_TOKEN_LENGTH)
    // A custom message: joi's own would print the secret.
    .pattern(/^[\x21-\x7E]+$/)
    .messages({ 'string.pattern.base': '{{#label}} must be printable ASCII without spaces' });
  return {
    AUTH_REQUIRED: Joi.boolean().default(true),
    AUTH_JWKS_URL:
      opts.local === true
        ? jwksUrl
        : whenRequired(jwksUrl, "the auth service's /.well-known/jwks.json"),
    AUTH_ISSUER: Joi.string().min(1).default(DEFAULT_ISSUER),
    AUTH_AUDIENCE: Joi.string().min(1).default(DEFAULT_AUDIENCE),
    SERVICE_TOKEN:
      opts.local === true
        ? serviceToken
        : whenRequired(
            serviceToken,
            `a shared secret of at least ${MIN_SERVICE_TOKEN_LENGTH} characters`,
          ),
    AUTH_JWKS_COOLDOWN_MS: Joi.number().integer().min(0).default(DEFAULT_JWKS_COOLDOWN_MS),
  };
}

/** Maps the validated identity variables to their config keys. */
export function authConfig(e: AuthEnv): AuthConfig {
  return {
    required: e.AUTH_REQUIRED,
    jwksUrl: e.AUTH_JWKS_URL,
    issuer: e.AUTH_ISSUER,
    audience: e.AUTH_AUDIENCE,
    serviceToken: e.SERVICE_TOKEN,
    jwksCooldownMs: e.AUTH_JWKS_COOLDOWN_MS,
  };
}
