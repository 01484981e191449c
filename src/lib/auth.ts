import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { AuthConfig } from './auth-config.js';
import { AppError } from './errors.js';
import type { Logger } from './logger.js';

/** Who is calling: a shop's client, an operator, or another service of the system. */
export type Principal =
  | { kind: 'client'; clientId: number; username: string }
  | { kind: 'operateur'; username: string }
  | { kind: 'service' };

export type Role = Principal['kind'];

/** ES256 only: a token signed `alg: none`, or HS256 with the public key as secret, is refused. */
const ALGORITHMS = ['ES256'];
/** Clocks of the issuer and the verifiers may differ by this much. */
const CLOCK_TOLERANCE_S = 5;
const JWKS_TIMEOUT_MS = 2_000;

/** jose's codes for a token that is not acceptable (anything else: we could not check it). */
const TOKEN_ERRORS = new Set([
  'ERR_JWT_EXPIRED',
  'ERR_JWT_CLAIM_VALIDATION_FAILED',
  'ERR_JWT_INVALID',
  'ERR_JWS_INVALID',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JOSE_NOT_SUPPORTED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
  'ERR_JWK_INVALID',
]);

const CHALLENGE = 'Bearer realm="saga-retail"';

/** 401 NON_AUTHENTIFIE; the guard adds `WWW-Authenticate`. */
export const unauthenticated = (message: string, options: { cause?: unknown } = {}): AppError =>
  new AppError('NON_AUTHENTIFIE', message, 401, options);

/** 403 ACCES_REFUSE: a valid caller, but not one who may do that. */
export const forbidden = (message = 'This caller may not do that'): AppError =>
  new AppError('ACCES_REFUSE', message, 403);

/** The auth service's key set, fetched on first use, cached, fetched again for an unknown kid. */
export const remoteKeys = (url: string, cooldownMs: number): JWTVerifyGetKey =>
  createRemoteJWKSet(new URL(url), {
    cooldownDuration: cooldownMs,
    timeoutDuration: JWKS_TIMEOUT_MS,
  });

/** A person's identity from verified claims; a token naming no known role is refused. */
function principalFrom(claims: JWTPayload): Principal {
  const { sub, roles, client_id: clientId } = claims;
  if (typeof sub !== 'string' || !Array.isArray(roles)) {
    throw unauthenticated('The token names no user or no roles');
  }
  if (roles.includes('operateur')) return { kind: 'operateur', username: sub };
  if (roles.includes('client')) {
    if (typeof clientId === 'number' && Number.isSafeInteger(clientId) && clientId > 0) {
      return { kind: 'client', clientId, username: sub };
    }
    throw unauthenticated('A client token must carry its client_id');
  }
  throw unauthenticated('The token carries no known role');
}

export type VerifyToken = (token: string) => Promise<Principal>;

/** Who a token is for, and until when (epoch ms, its `exp`). */
export type VerifyWithExpiry = (
  token: string,
) => Promise<{ principal: Principal; expiresAt: number }>;

/**
 * Checks a person's access token: signature against the given keys (ES256 only), issuer,
 * audience, expiry. A bad token is 401; keys that cannot be fetched are 503 (the caller may
 * retry), never a 500 and never a pass.
 */
export function claimsVerifier(
  keys: JWTVerifyGetKey,
  expected: { issuer: string; audience: string },
): VerifyWithExpiry {
  return async (token) => {
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, keys, {
        algorithms: ALGORITHMS,
        issuer: expected.issuer,
        audience: expected.audience,
        clockTolerance: CLOCK_TOLERANCE_S,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'string' && TOKEN_ERRORS.has(code)) {
        throw unauthenticated(`Invalid token (${code})`, { cause: err });
      }
      throw new AppError('AUTH_INDISPONIBLE', 'The keys that verify tokens are unavailable', 503, {
        cause: err,
      });
    }
    // requiredClaims makes exp a number of seconds here.
    return { principal: principalFrom(claims), expiresAt: Number(claims.exp) * 1000 };
  };
}

/** claimsVerifier without the expiry: who the token is for. */
export function tokenVerifier(
  keys: JWTVerifyGetKey,
  expected: { issuer: string; audience: string },
): VerifyToken {
  const verify = claimsVerifier(keys, expected);
  return async (token) => (await verify(token)).principal;
}

/** How many verified tokens a process remembers, and for how long at most. */
const VERIFIED_MAX = 10_000;
const VERIFIED_TTL_MS = 60_000;

/**
 * Remembers what a token was verified as, until its expiry (never past VERIFIED_TTL_MS), so
 * that a person's next requests with the same token skip the ES256 check (a shopper's page
 * makes several). Only successes are kept, keyed by the whole token; the oldest goes first
 * when full. A key withdrawn from the key set stops a cached token within VERIFIED_TTL_MS,
 * sooner than jose's cache of the remote key set notices (see createGuards).
 */
export function cachedVerifier(verify: VerifyWithExpiry, now = Date.now): VerifyToken {
  const known = new Map<string, { principal: Principal; until: number }>();
  return async (token) => {
    const hit = known.get(token);
    if (hit && hit.until > now()) return hit.principal;
    if (hit) known.delete(token);
    const { principal, expiresAt } = await verify(token);
    if (known.size >= VERIFIED_MAX) known.delete(known.keys().next().value as string);
    known.set(token, { principal, until: Math.min(expiresAt, now() + VERIFIED_TTL_MS) });
    return principal;
  };
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** A public route: says so where a guard would stand. */
export const anyone: RequestHandler = (_req, _res, next) => next();

/** Route guards of one process. With AUTH_REQUIRED=false every guard lets everyone through. */
export interface AuthGuards {
  /** Callers holding one of these roles. */
  requireRole(...roles: Role[]): RequestHandler;
  /** The client whose id is the path parameter `param`, or a caller holding one of roles. */
  requireSelfOrRole(param: string, ...roles: Role[]): RequestHandler;
}

/** Whether a rule lets this caller through to this request. */
type Rule = (p: Principal, req: Request) => boolean;

const hasRole =
  (roles: readonly Role[]): Rule =>
  (p) =>
    roles.includes(p.kind);

const isPathClient =
  (param: string): Rule =>
  (p, req) => {
    const raw = req.params[param];
    return p.kind === 'client' && typeof raw === 'string' && raw === String(p.clientId);
  };

export interface GuardOptions {
  /** Where the public keys come from; default: the remote JWKS at config.jwksUrl. */
  keys?: JWTVerifyGetKey;
  logger: Logger;
}

/**
 * The guards of a process, from its identity config. A guard reads `Authorization: Bearer
 * <token>`: the service token (compared in constant time) is principal 'service', anything
 * else must be a valid access token. It leaves the principal in `res.locals` for the route.
 */
export function createGuards(config: AuthConfig, opts: GuardOptions): AuthGuards {
  if (!config.required) {
    opts.logger.warn(
      'AUTH_REQUIRED=false: no identity is checked, every route is open to anyone who reaches it',
    );
    return { requireRole: () => anyone, requireSelfOrRole: () => anyone };
  }
  // Keys of its own (the auth service) are checked on every request: withdrawing one takes
  // effect at once. The remote key set is cached by jose anyway (up to 10 minutes), and
  // remembering verified tokens for a minute changes nothing to when a withdrawal is seen.
  const checked = claimsVerifier(
    opts.keys ?? remoteKeys(requiredUrl(config), config.jwksCooldownMs),
    config,
  );
  const verify: VerifyToken = opts.keys
    ? async (token) => (await checked(token)).principal
    : cachedVerifier(checked);
  const serviceDigest = config.serviceToken === undefined ? undefined : digest(config.serviceToken);

  const identify = async (req: Request): Promise<Principal> => {
    const token = /^Bearer +(\S+) *$/i.exec(req.get('authorization') ?? '')?.[1];
    if (token === undefined) throw unauthenticated('A bearer token is required');
    if (serviceDigest !== undefined && timingSafeEqual(digest(token), serviceDigest)) {
      return { kind: 'service' };
    }
    return verify(token);
  };

  const guard =
    (rules: readonly Rule[]): RequestHandler =>
    async (req, res, next) => {
      let principal: Principal;
      try {
        principal = await identify(req);
      } catch (err) {
        if (err instanceof AppError && err.httpStatus === 401) {
          res.setHeader('WWW-Authenticate', CHALLENGE);
        }
        throw err;
      }
      if (!rules.some((allows) => allows(principal, req))) throw forbidden();
      res.locals.principal = principal;
      next();
    };

  return {
    requireRole: (...roles) => guard([hasRole(roles)]),
    requireSelfOrRole: (param, ...roles) => guard([isPathClient(param), hasRole(roles)]),
  };
}

function requiredUrl(config: AuthConfig): string {
  if (config.jwksUrl === undefined) throw new Error('AUTH_JWKS_URL is required');
  return config.jwksUrl;
}

/** The caller a guard let through; undefined when identity is off (AUTH_REQUIRED=false). */
export const principalOf = (res: Response): Principal | undefined =>
  res.locals.principal as Principal | undefined;

/** For data found by the route: a client reaches only its own (operators and services all). */
export function assertOwnData(res: Response, clientId: number): void {
  const p = principalOf(res);
  if (p?.kind === 'client' && p.clientId !== clientId) {
    throw forbidden("This is another client's data");
  }
}
