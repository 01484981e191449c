import {
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  SignJWT,
  decodeProtectedHeader,
} from 'jose';
import type { RunningService } from '../../../src/lib/service.js';
import { startAuth } from '../../../src/services/auth/app.js';
import { loadAuthConfig } from '../../../src/services/auth/config.js';
import { type HashCost, hashPassword } from '../../../src/services/auth/passwords.js';
import { type SeedDeps, seedAccounts } from '../../../seeds/demo-seed.js';
import { post } from '../../contract/http.js';
import {
  DEVELOPMENT_KEK,
  KeyCipher,
  type StoredPrivateKey,
} from '../../../src/services/auth/key-crypto.js';
import { testEnv } from '../../services/support/services.js';

/** Cheap argon2id for tests whose subject is not the hash (about 1 ms a hash). */
export const TEST_HASH_COST: HashCost = { memoryKib: 256, timeCost: 1 };

/** The demo data's dependencies, with a hash cheap enough for tests. */
export const TEST_SEED_DEPS: SeedDeps = {
  hashPassword: (password) => hashPassword(password, TEST_HASH_COST),
};

export const SERVICE_TOKEN = 'test-service-token-0123456789abcdef0123456789';

export const ISSUER = 'saga-retail';
export const AUDIENCE = 'saga-retail-api';

/** The auth service on a fresh database, the demo accounts seeded with TEST_HASH_COST. */
export async function startTestAuth(extra: Record<string, string> = {}): Promise<RunningService> {
  const env = await testEnv('auth', {
    AUTH_REQUIRED: 'true',
    // As `npm start` gives it: the auth service takes no service call, it refuses it (403).
    SERVICE_TOKEN,
    AUTH_ARGON2_MEMORY_KIB: String(TEST_HASH_COST.memoryKib),
    AUTH_ARGON2_TIME_COST: String(TEST_HASH_COST.timeCost),
    ...extra,
  });
  const auth = await startAuth(loadAuthConfig(env));
  await seedAccounts(auth.db, TEST_SEED_DEPS.hashPassword);
  return auth;
}

/** What a service needs to check identity against that auth service. */
export const identityEnv = (authUrl: string, extra: Record<string, string> = {}) => ({
  AUTH_REQUIRED: 'true',
  AUTH_JWKS_URL: `${authUrl}/.well-known/jwks.json`,
  SERVICE_TOKEN,
  ...extra,
});

/** A demo user's access token (password `<username>-demo`). */
export async function login(authUrl: string, username: string): Promise<string> {
  const res = await post<{ access_token: string }>(`${authUrl}/api/auth/token`, {
    username,
    password: `${username}-demo`,
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return res.body.access_token;
}

export const bearer = (token: string): Record<string, string> => ({
  authorization: `Bearer ${token}`,
});

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The claims of a token, unverified (tests read what they were given). */
export const claimsOf = (token: string): JWTPayload =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as JWTPayload;

export const kidOf = (token: string): string | undefined => decodeProtectedHeader(token).kid;

/** A token anyone can write: `alg: none`, no signature. */
export const unsignedToken = (claims: JWTPayload): string =>
  `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;

/** The same claims, the kid of a real key, but signed by a key the auth service never had. */
export async function wronglySignedToken(claims: JWTPayload, kid: string): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256');
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' }).sign(privateKey);
}

/** HS256 "signed" with the public key as the shared secret: the classic algorithm confusion. */
export const hmacWithPublicKey = (
  claims: JWTPayload,
  kid: string,
  publicJwk: JWK,
): Promise<string> =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', kid, typ: 'JWT' })
    .sign(new TextEncoder().encode(JSON.stringify(publicJwk)));

/**
 * A token signed with the auth service's current key (read from its database), e.g. one
 * that expired: only the claims differ from a real one.
 */
export async function signedByAuth(auth: RunningService, claims: JWTPayload): Promise<string> {
  const { rows } = await auth.db.raw<{ rows: { kid: string; private_jwk: StoredPrivateKey }[] }>(
    `SELECT kid, private_jwk FROM signing_keys
      WHERE private_jwk IS NOT NULL AND signs_from <= now() ORDER BY signs_from DESC LIMIT 1`,
  );
  const row = rows[0];
  if (!row) throw new Error('the auth service has no signing key');
  // Sealed at rest with the key the tests run the auth service with (the development key).
  const jwk = new KeyCipher(DEVELOPMENT_KEK).open(row.kid, row.private_jwk);
  const key = await importJWK(jwk, 'ES256');
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: row.kid, typ: 'JWT' })
    .sign(key);
}

/**
 * Three tokens that look right and are not, for those claims: expired (the auth service's
 * own key), signed by another key under a real kid, and not signed at all (`alg: none`).
 */
export async function forgedTokens(
  auth: RunningService,
  claims: JWTPayload,
): Promise<{ expired: string; wrongSignature: string; algNone: string }> {
  const real = await signedByAuth(auth, claims);
  return {
    expired: await signedByAuth(auth, { ...claims, exp: Math.floor(Date.now() / 1000) - 60 }),
    wrongSignature: await wronglySignedToken(claims, kidOf(real) ?? ''),
    algNone: unsignedToken(claims),
  };
}

/** Claims of a real-looking token for that user, valid for ten minutes. */
export function claimsFor(who: { sub: string; roles: string[]; client_id?: number }): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return { ...who, iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 600, jti: `test-${now}` };
}
