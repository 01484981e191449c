import { expect } from 'chai';
import type { JWTPayload } from 'jose';
import type { RunningService } from '../../src/lib/service.js';
import { startClient } from '../../src/services/client/app.js';
import { loadClientConfig } from '../../src/services/client/config.js';
import { startMagasin } from '../../src/services/magasin/app.js';
import { loadMagasinConfig } from '../../src/services/magasin/config.js';
import { type ApiResponse, call, get, post } from '../contract/http.js';
import { serviceForSuite, testEnv } from '../services/support/services.js';
import {
  bearer,
  claimsFor,
  forgedTokens,
  hmacWithPublicKey,
  identityEnv,
  kidOf,
  login,
  SERVICE_TOKEN,
  signedByAuth,
  startTestAuth,
  unsignedToken,
} from './support/identity.js';

type ErrorAnswer = ApiResponse<{ error: { code: string; message: string } }>;

function expectRefused(res: ErrorAnswer, status: 401 | 403, what: string): void {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).to.equal(status);
  expect(res.body.error.code, what).to.equal(status === 401 ? 'NON_AUTHENTIFIE' : 'ACCES_REFUSE');
  if (status === 401) expect(res.headers['www-authenticate'], what).to.match(/^Bearer /);
}

const OPERATEUR = { sub: 'operateur', roles: ['operateur'] };

describe('every service checks tokens itself (src/lib/auth.ts)', function () {
  this.timeout(30_000);
  let auth: RunningService;
  let magasin: RunningService;
  let client: RunningService;

  before(async () => {
    auth = await startTestAuth({ AUTH_KEY_ACTIVATION_DELAY_S: '1' });
    // A short cooldown: an unknown kid may refetch the key set 100 ms after the last fetch.
    const env = identityEnv(auth.url, { AUTH_JWKS_COOLDOWN_MS: '100' });
    magasin = await startMagasin(loadMagasinConfig(await testEnv('magasin', env)));
    client = await startClient(loadClientConfig(await testEnv('client', env)));
  });
  after(async () => {
    await Promise.all([magasin?.close(), client?.close()]);
    await auth?.close();
  });

  const createMagasin = (headers: Record<string, string>): Promise<ErrorAnswer> =>
    call('POST', `${magasin.url}/api/magasins`, {
      json: { nom: 'M', ville: 'V', adresse: '1 rue A' },
      headers,
    });

  it('lets a valid operator token through (201)', async () => {
    const res = await createMagasin(bearer(await login(auth.url, 'operateur')));
    expect(res.status).to.equal(201);
  });

  it('refuses what is not a valid, current token from the auth service with 401 and WWW-Authenticate', async () => {
    const kid = kidOf(await login(auth.url, 'operateur')) ?? '';
    const { body: jwks } = await get<{ keys: Record<string, string>[] }>(
      `${auth.url}/.well-known/jwks.json`,
    );
    const publicJwk = jwks.keys[0] ?? {};
    const valid = claimsFor(OPERATEUR);
    const forged = await forgedTokens(auth, valid);
    const cases: [string, Record<string, string>][] = [
      ['no header', {}],
      ['empty bearer', { authorization: 'Bearer ' }],
      [
        'another scheme',
        { authorization: `Basic ${Buffer.from('operateur:x').toString('base64')}` },
      ],
      ['not a JWT', bearer('not-a-jwt')],
      ['expired', bearer(forged.expired)],
      ['wrong signature', bearer(forged.wrongSignature)],
      ['alg none', bearer(forged.algNone)],
      ['HS256 with the public key', bearer(await hmacWithPublicKey(valid, kid, publicJwk))],
      ['another issuer', bearer(await signedByAuth(auth, { ...valid, iss: 'someone-else' }))],
      ['another audience', bearer(await signedByAuth(auth, { ...valid, aud: 'other-api' }))],
      ['no expiry', bearer(await signedByAuth(auth, { ...valid, exp: undefined } as JWTPayload))],
      ['no roles', bearer(await signedByAuth(auth, { ...valid, roles: undefined }))],
      ['unknown role', bearer(await signedByAuth(auth, { ...valid, roles: ['admin'] }))],
      [
        'a client without client_id',
        bearer(await signedByAuth(auth, { ...valid, sub: 'alice', roles: ['client'] })),
      ],
      ['the service token with one more character', bearer(`${SERVICE_TOKEN}x`)],
    ];
    for (const [what, headers] of cases) expectRefused(await createMagasin(headers), 401, what);
    // The X-Auth-* headers the gateway adds are information, never identity.
    expectRefused(
      await createMagasin({ 'x-auth-roles': 'operateur', 'x-auth-subject': 'operateur' }),
      401,
      'gateway headers alone',
    );
  });

  it('refuses a valid token of the wrong role with 403, the service token included', async () => {
    expectRefused(await createMagasin(bearer(await login(auth.url, 'alice'))), 403, 'client');
    expectRefused(await createMagasin(bearer(SERVICE_TOKEN)), 403, 'service');
  });

  it('takes the service token as the service, only where a service may call', async () => {
    const created = await post<{ id: number }>(
      `${client.url}/api/clients`,
      { nom: 'Zoé', email: `zoe-${Date.now()}@example.com`, solde_cents: 0 },
      bearer(await login(auth.url, 'operateur')),
    );
    expect(created.status).to.equal(201);
    const read = await call('GET', `${client.url}/api/clients/${created.body.id}`, {
      headers: bearer(SERVICE_TOKEN),
    });
    expect(read.status).to.equal(200);
    const list: ErrorAnswer = await call('GET', `${client.url}/api/clients`, {
      headers: bearer(SERVICE_TOKEN),
    });
    expectRefused(list, 403, 'service token on an operator route');
  });

  it('across a key rotation: old tokens still pass, new ones (new kid) pass too', async () => {
    const oldToken = await login(auth.url, 'operateur');
    expect((await createMagasin(bearer(oldToken))).status).to.equal(201); // key set cached
    const rotated = await post<{ kid: string }>(
      `${auth.url}/api/auth/keys/rotate`,
      undefined,
      bearer(oldToken),
    );
    expect(rotated.status).to.equal(200);
    expect((await createMagasin(bearer(oldToken))).status).to.equal(201);
    await new Promise((r) => setTimeout(r, 1_200));
    const newToken = await login(auth.url, 'operateur');
    expect(kidOf(newToken)).to.equal(rotated.body.kid);
    expect(kidOf(newToken)).not.to.equal(kidOf(oldToken));
    expect((await createMagasin(bearer(newToken))).status).to.equal(201);
    expect((await createMagasin(bearer(oldToken))).status).to.equal(201);
  });
});

describe('when the auth service cannot be reached', () => {
  // It could when the service started (a service waits for the key set before it listens,
  // src/lib/startup.ts): it has gone since, and the token names a key not fetched yet.
  const magasin = serviceForSuite(async () => {
    const auth = await startTestAuth();
    try {
      return await startMagasin(loadMagasinConfig(await testEnv('magasin', identityEnv(auth.url))));
    } finally {
      await auth.close();
    }
  });

  it('answers 503 AUTH_INDISPONIBLE for a token it cannot check (never 500, never a pass)', async () => {
    const token = unsignedToken(claimsFor(OPERATEUR)).replace(
      /^[^.]+/,
      Buffer.from(JSON.stringify({ alg: 'ES256', kid: 'k1' })).toString('base64url'),
    );
    const res: ErrorAnswer = await call('POST', `${magasin().url}/api/magasins`, {
      json: { nom: 'M', ville: 'V' },
      headers: { ...bearer(`${token}c2ln`) },
    });
    expect(res.status).to.equal(503);
    expect(res.body.error.code).to.equal('AUTH_INDISPONIBLE');
    expect(res.headers['retry-after']).to.equal('1');
  });

  it('still answers public routes, and 401 without a token', async () => {
    expect((await get(`${magasin().url}/api/magasins`)).status).to.equal(200);
    const res: ErrorAnswer = await post(`${magasin().url}/api/magasins`, { nom: 'M', ville: 'V' });
    expectRefused(res, 401, 'no token');
  });
});
