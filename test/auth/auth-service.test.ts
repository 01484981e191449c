import { expect } from 'chai';
import { decodeProtectedHeader } from 'jose';
import type { RunningService } from '../../src/lib/service.js';
import { DEFAULT_HASH_COST, hashPassword } from '../../src/services/auth/passwords.js';
import { call, get, post } from '../contract/http.js';
import { serviceForSuite } from '../services/support/services.js';
import { bearer, claimsOf, kidOf, login, startTestAuth } from './support/identity.js';

interface Jwks {
  keys: Record<string, unknown>[];
}

const token = (auth: RunningService, username: string, password: string) =>
  post<Record<string, unknown>>(`${auth.url}/api/auth/token`, { username, password });

describe('auth service: POST /api/auth/token', () => {
  const auth = serviceForSuite(() => startTestAuth());

  it('gives a client an ES256 token naming its client, its role, the issuer and the audience', async () => {
    const res = await token(auth(), 'alice', 'alice-demo');
    expect(res.status).to.equal(200);
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.body).to.include({ token_type: 'Bearer', expires_in: 900 });
    const jwt = String(res.body.access_token);
    expect(decodeProtectedHeader(jwt)).to.include({ alg: 'ES256', typ: 'JWT' });
    const claims = claimsOf(jwt);
    expect(claims).to.include({
      iss: 'saga-retail',
      aud: 'saga-retail-api',
      sub: 'alice',
      client_id: 1,
    });
    expect(claims.roles).to.deep.equal(['client']);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).to.equal(900);
    expect(claims.jti).to.be.a('string');
  });

  it('gives the operator the operateur role and no client', async () => {
    const claims = claimsOf(await login(auth().url, 'operateur'));
    expect(claims.roles).to.deep.equal(['operateur']);
    expect(claims).not.to.have.property('client_id');
  });

  it('takes the username in any case, and each token has its own id', async () => {
    const a = await token(auth(), '  Alice ', 'alice-demo');
    const b = await token(auth(), 'alice', 'alice-demo');
    expect(a.status).to.equal(200);
    expect(claimsOf(String(a.body.access_token)).jti).not.to.equal(
      claimsOf(String(b.body.access_token)).jti,
    );
  });

  it('refuses a wrong password and an unknown user with the same 401 IDENTIFIANTS_INVALIDES', async () => {
    const wrong = await token(auth(), 'alice', 'bruno-demo');
    const unknown = await token(auth(), 'mallory', 'alice-demo');
    for (const res of [wrong, unknown]) {
      expect(res.status).to.equal(401);
      expect(res.body).to.deep.equal({
        error: { code: 'IDENTIFIANTS_INVALIDES', message: 'Unknown user or wrong password' },
      });
    }
  });

  it('refuses a body it cannot read with 400, never 500', async () => {
    const bodies: unknown[] = [
      {},
      { username: 'alice' },
      { username: '', password: 'x' },
      { username: 'alice', password: 'alice-demo', role: 'operateur' },
      { username: 'alice', password: 42 },
      { username: 'a'.repeat(65), password: 'x' },
      { username: 'alice', password: 'x'.repeat(1025) },
      ['alice', 'alice-demo'],
    ];
    for (const body of bodies) {
      const res = await post<{ error: { code: string } }>(`${auth().url}/api/auth/token`, body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
    }
    const text = await call('POST', `${auth().url}/api/auth/token`, {
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).to.equal(400);
  });

  it('keeps only argon2id hashes, never a password', async () => {
    const { rows } = await auth().db.raw<{ rows: { username: string; password_hash: string }[] }>(
      'SELECT username, password_hash FROM accounts ORDER BY username',
    );
    expect(rows.map((r) => r.username)).to.deep.equal([
      'alice',
      'bruno',
      'chloe',
      'david',
      'operateur',
    ]);
    for (const r of rows) {
      expect(r.password_hash).to.match(/^\$argon2id\$v=19\$/);
      expect(r.password_hash).not.to.include(`${r.username}-demo`);
    }
  });
});

describe('auth service: answers in the same time whether the user exists or not', function () {
  this.timeout(60_000);
  // The real cost: the time of an argon2 verification is what would tell names apart.
  const auth = serviceForSuite(async () => {
    const running = await startTestAuth({
      AUTH_ARGON2_MEMORY_KIB: '19456',
      AUTH_ARGON2_TIME_COST: '2',
      // Ten failures for alice, one for each nobody: the throttle's delays (the same for a
      // name that does not exist, test/auth/login-throttle.test.ts) are not measured here.
      AUTH_LOGIN_ACCOUNT_FREE_ATTEMPTS: '1000',
      AUTH_LOGIN_ACCOUNT_MAX_ATTEMPTS: '1000',
      AUTH_LOGIN_ADDRESS_FREE_ATTEMPTS: '1000',
      AUTH_LOGIN_ADDRESS_MAX_ATTEMPTS: '1000',
    });
    const { seedAccounts } = await import('../../seeds/demo-seed.js');
    await running.db.raw('DELETE FROM accounts');
    await seedAccounts(running.db, (pw) => hashPassword(pw, DEFAULT_HASH_COST));
    return running;
  });

  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;

  async function timed(username: string): Promise<number> {
    const started = performance.now();
    const res = await token(auth(), username, 'not-the-password');
    expect(res.status).to.equal(401);
    return performance.now() - started;
  }

  it('a wrong password for alice and any password for nobody cost the same', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    await timed('alice'); // warm-up: first connection, first decoy hash
    await timed('nobody');
    for (let i = 0; i < 9; i += 1) {
      known.push(await timed('alice'));
      unknown.push(await timed(`nobody${i}`));
    }
    const ratio = median(unknown) / median(known);
    expect(ratio, `known ${median(known)} ms, unknown ${median(unknown)} ms`).to.be.within(
      0.6,
      1.6,
    );
    // Both paths did an argon2 verification (several ms), not a bare lookup.
    expect(median(unknown)).to.be.greaterThan(5);
  });
});

describe('auth service: GET /.well-known/jwks.json and key rotation', function () {
  this.timeout(30_000);
  const auth = serviceForSuite(() => startTestAuth({ AUTH_KEY_ACTIVATION_DELAY_S: '1' }));
  const jwks = async (): Promise<Jwks> =>
    (await get<Jwks>(`${auth().url}/.well-known/jwks.json`)).body;
  let signedByOldKey = '';

  it('publishes the public half of the signing key, with its kid, and nothing private', async () => {
    const { keys } = await jwks();
    expect(keys).to.have.length(1);
    const [key] = keys;
    expect(key).to.have.all.keys('kty', 'crv', 'x', 'y', 'kid', 'alg', 'use');
    expect(key).to.include({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(kidOf(await login(auth().url, 'alice'))).to.equal(key?.kid);
  });

  it('rotation: operator only', async () => {
    const url = `${auth().url}/api/auth/keys/rotate`;
    const none = await post<{ error: { code: string } }>(url);
    expect(none.status).to.equal(401);
    expect(none.body.error.code).to.equal('NON_AUTHENTIFIE');
    expect(none.headers['www-authenticate']).to.match(/^Bearer/);
    const client = await post<{ error: { code: string } }>(
      url,
      undefined,
      bearer(await login(auth().url, 'alice')),
    );
    expect(client.status).to.equal(403);
    expect(client.body.error.code).to.equal('ACCES_REFUSE');
  });

  it('publishes a new key at once, signs with it after the delay, keeps the old one published', async () => {
    const operateur = await login(auth().url, 'operateur');
    signedByOldKey = operateur;
    const oldKid = kidOf(operateur);
    const rotated = await post<{ kid: string }>(
      `${auth().url}/api/auth/keys/rotate`,
      undefined,
      bearer(operateur),
    );
    expect(rotated.status).to.equal(200);
    const newKid = rotated.body.kid;
    expect(newKid).to.be.a('string').and.not.equal(oldKid);
    expect((await jwks()).keys.map((k) => k.kid)).to.have.members([oldKid, newKid]);
    // Not yet: verifiers get the activation delay to fetch the new key.
    expect(kidOf(await login(auth().url, 'alice'))).to.equal(oldKid);
    await new Promise((r) => setTimeout(r, 1_200));
    expect(kidOf(await login(auth().url, 'alice'))).to.equal(newKid);
    expect((await jwks()).keys.map((k) => k.kid)).to.include(oldKid);
    // The retired key signs nothing any more: its private half is gone.
    const { rows } = await auth().db.raw<{ rows: { private_jwk: unknown }[] }>(
      'SELECT private_jwk FROM signing_keys WHERE kid = ?',
      [oldKid ?? ''],
    );
    expect(rows[0]?.private_jwk).to.equal(null);
    // The old key's tokens still work where the operator route checks them.
    const again = await post(`${auth().url}/api/auth/keys/rotate`, undefined, bearer(operateur));
    expect(again.status).to.equal(200);
  });

  it('stops publishing a retired key once every token it signed has expired', async () => {
    const before = (await jwks()).keys.map((k) => String(k.kid));
    // Three hours on: far past the TTL (15 min) of anything the retired keys signed.
    await auth().db.raw(
      `UPDATE signing_keys
          SET signs_from = signs_from - interval '3 hours', retired_at = retired_at - interval '3 hours'
        WHERE retired_at IS NOT NULL AND retired_at <= now()`,
    );
    const after = (await jwks()).keys.map((k) => String(k.kid));
    expect(after).not.to.include(kidOf(signedByOldKey));
    expect(after.length).to.be.lessThan(before.length).and.greaterThan(0);
    const refused = await post(
      `${auth().url}/api/auth/keys/rotate`,
      undefined,
      bearer(signedByOldKey),
    );
    expect(refused.status).to.equal(401);
  });
});
