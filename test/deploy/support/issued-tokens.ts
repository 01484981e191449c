import { decodeJwt, decodeProtectedHeader, type JWK } from 'jose';
import { call } from '../../support/orchestrateur.js';
import { EXPECTED_VALIDATOR } from './gateway-auth.js';

/** The key set the gateway's validator downloads (its jwk_url's path, on the auth service). */
export async function fetchKeySet(authUrl: string): Promise<JWK[]> {
  const path = new URL(EXPECTED_VALIDATOR.jwk_url).pathname;
  const res = await call(authUrl, 'GET', path);
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.text}`);
  return (res.body as { keys: JWK[] }).keys;
}

/** A real access token from the auth service's login route. */
export async function login(authUrl: string, username: string, password: string): Promise<string> {
  const res = await call(authUrl, 'POST', '/api/auth/token', { json: { username, password } });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
  return (res.body as { access_token: string }).access_token;
}

/**
 * What KrakenD's validator, as configured, would find wrong with a token the auth service
 * issued: the algorithm, a `kid` it cannot find in the key set, the issuer, the audience, or
 * roles it cannot read under `roles_key`.
 */
export function tokenProblems(
  token: string,
  keys: readonly JWK[],
  expected: { roles: string[]; clientId?: number },
): string[] {
  const problems: string[] = [];
  const header = decodeProtectedHeader(token);
  const claims = decodeJwt(token);
  if (header.alg !== EXPECTED_VALIDATOR.alg) problems.push(`alg ${String(header.alg)}`);
  const key = keys.find((k) => k.kid !== undefined && k.kid === header.kid);
  if (key === undefined) problems.push(`kid ${String(header.kid)} is not in the key set`);
  else if (key.kty !== 'EC' || key.crv !== 'P-256') problems.push(`key ${key.kid} is not P-256`);
  if (claims.iss !== EXPECTED_VALIDATOR.issuer) problems.push(`iss ${String(claims.iss)}`);
  const aud = [claims.aud ?? []].flat();
  for (const a of EXPECTED_VALIDATOR.audience) {
    if (!aud.includes(a)) problems.push(`aud ${JSON.stringify(claims.aud)} lacks ${a}`);
  }
  const roles = claims[EXPECTED_VALIDATOR.roles_key];
  if (JSON.stringify(roles) !== JSON.stringify(expected.roles)) {
    problems.push(`${EXPECTED_VALIDATOR.roles_key}: ${JSON.stringify(roles)}`);
  }
  if (expected.clientId !== undefined && claims.client_id !== expected.clientId) {
    problems.push(`client_id ${JSON.stringify(claims.client_id)}`);
  }
  if (typeof claims.sub !== 'string') problems.push('no sub');
  if (
    typeof claims.exp !== 'number' ||
    typeof claims.iat !== 'number' ||
    claims.exp <= claims.iat
  ) {
    problems.push('no lifetime');
  }
  return problems;
}
