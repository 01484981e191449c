import type { KrakendConfig, KrakendEndpoint } from './krakend.js';

/** The roles a person's token may carry (plan.md); 'service' never goes through the gateway. */
export type GatewayRole = 'client' | 'operateur';

/** Who may call each gateway route: its roles, or null for a public route. */
export type AccessTable = Readonly<Record<string, readonly GatewayRole[] | null>>;

export const VALIDATOR = 'auth/validator';

/** What every protected route's validator must say, whatever its roles. */
export const EXPECTED_VALIDATOR = Object.freeze({
  alg: 'ES256',
  jwk_url: 'http://auth-service:8007/.well-known/jwks.json',
  // The key set is fetched over plain HTTP inside the backend network.
  disable_jwk_security: true,
  cache: true,
  issuer: 'saga-retail',
  audience: ['saga-retail-api'],
  roles_key: 'roles',
});

/** The claims forwarded to the services as headers (they verify the token again anyway). */
export const PROPAGATED_CLAIMS = ['sub', 'client_id', 'roles'] as const;

/**
 * Every key KrakenD CE's auth/validator reads (krakend-jose, schema v2.13). KrakenD ignores a
 * key it does not know, so a misspelt one ("role" for "roles") would silently drop a check.
 */
const KNOWN_KEYS = new Set([
  'alg',
  'audience',
  'auth_header_name',
  'cache',
  'cache_duration',
  'cipher_suites',
  'cookie_key',
  'cypher_key',
  'disable_jwk_security',
  'failed_jwk_key_cooldown',
  'issuer',
  'jwk_fingerprints',
  'jwk_local_ca',
  'jwk_local_path',
  'jwk_url',
  'key_identify_strategy',
  'leeway',
  'operation_debug',
  'propagate_claims',
  'propagate_claims_preserve_array',
  'roles',
  'roles_key',
  'roles_key_is_nested',
  'scopes',
  'scopes_key',
  'scopes_matcher',
  'secret_url',
]);

export const endpointKey = (e: KrakendEndpoint): string => `${e.method ?? 'GET'} ${e.endpoint}`;

const sameSet = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));

const lower = (xs: readonly string[] | undefined): string[] =>
  (xs ?? []).map((x) => x.toLowerCase());

export const validatorOf = (e: KrakendEndpoint): Record<string, unknown> | undefined =>
  e.extra_config?.[VALIDATOR] as Record<string, unknown> | undefined;

/** What is wrong with one protected route's validator (empty: nothing). */
function protectedProblems(e: KrakendEndpoint, roles: readonly GatewayRole[]): string[] {
  const k = endpointKey(e);
  const v = validatorOf(e);
  if (v === undefined) return [`${k}: no ${VALIDATOR}`];
  const problems: string[] = [];
  for (const key of Object.keys(v)) {
    if (!KNOWN_KEYS.has(key)) problems.push(`${k}: unknown validator key ${key}`);
  }
  for (const [key, want] of Object.entries(EXPECTED_VALIDATOR)) {
    if (JSON.stringify(v[key]) !== JSON.stringify(want)) {
      problems.push(`${k}: ${key} is ${JSON.stringify(v[key])}, not ${JSON.stringify(want)}`);
    }
  }
  const got = Array.isArray(v.roles) ? (v.roles as unknown[]) : [];
  if (!sameSet(got, roles)) {
    problems.push(`${k}: roles ${JSON.stringify(got)}, not ${JSON.stringify(roles)}`);
  }
  const headers = lower(e.input_headers);
  if (!headers.includes('authorization')) {
    problems.push(`${k}: Authorization is not passed on (the service checks it again)`);
  }
  const propagated = (Array.isArray(v.propagate_claims) ? v.propagate_claims : []) as string[][];
  for (const claim of PROPAGATED_CLAIMS) {
    const pair = propagated.find(([c]) => c === claim);
    if (pair === undefined) problems.push(`${k}: claim ${claim} is not propagated`);
    else if (!headers.includes((pair[1] ?? '').toLowerCase())) {
      problems.push(`${k}: propagated header ${pair[1]} is not in input_headers`);
    }
  }
  return problems;
}

/**
 * Checks the gateway against the access table: every route is in it, every protected one
 * carries KrakenD's validator with the shared settings and exactly its roles, and a public
 * one carries none (nor takes a token it would not check).
 */
export function validatorProblems(cfg: KrakendConfig, access: AccessTable): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const e of cfg.endpoints) {
    const k = endpointKey(e);
    seen.add(k);
    const roles = access[k];
    if (roles === undefined) {
      problems.push(`${k}: not in the access table`);
    } else if (roles === null) {
      if (validatorOf(e) !== undefined) problems.push(`${k}: public, but has a validator`);
      if (lower(e.input_headers).includes('authorization')) {
        problems.push(`${k}: public, but passes Authorization on`);
      }
    } else {
      problems.push(...protectedProblems(e, roles));
    }
  }
  for (const k of Object.keys(access)) {
    if (!seen.has(k)) problems.push(`${k}: missing from the gateway`);
  }
  return problems;
}
