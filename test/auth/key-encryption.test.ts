import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type JWK,
  jwtVerify,
} from 'jose';
import { createDb } from '../../src/lib/db.js';
import type { RunningService } from '../../src/lib/service.js';
import { startAuth } from '../../src/services/auth/app.js';
import { loadAuthConfig } from '../../src/services/auth/config.js';
import { migrate } from '../../src/lib/db.js';
import { serviceMigrations } from '../../src/lib/service.js';
import { seedAccounts } from '../../seeds/demo-seed.js';
import { get } from '../contract/http.js';
import { testEnv } from '../services/support/services.js';
import { kidOf, login, SERVICE_TOKEN, TEST_HASH_COST, TEST_SEED_DEPS } from './support/identity.js';

interface StoredRow {
  kid: string;
  private_jwk: Record<string, unknown> | null;
}

const newKek = (): string => randomBytes(32).toString('hex');

/** The auth service on `url` with the given encryption keys (cheap hashes, demo accounts). */
async function startOn(url: string, keys: Record<string, string>): Promise<RunningService> {
  const env = await testEnv('unused', {
    AUTH_REQUIRED: 'true',
    SERVICE_TOKEN,
    AUTH_ARGON2_MEMORY_KIB: String(TEST_HASH_COST.memoryKib),
    AUTH_ARGON2_TIME_COST: String(TEST_HASH_COST.timeCost),
    ...keys,
  });
  const auth = await startAuth(loadAuthConfig({ ...env, DATABASE_URL: url }));
  await seedAccounts(auth.db, TEST_SEED_DEPS.hashPassword);
  return auth;
}

async function storedKeys(auth: RunningService): Promise<StoredRow[]> {
  const { rows } = await auth.db.raw<{ rows: StoredRow[] }>(
    'SELECT kid, private_jwk FROM signing_keys WHERE private_jwk IS NOT NULL ORDER BY kid',
  );
  return rows;
}

/** A token of alice's, checked against the key set the service publishes. */
async function verifiedKid(auth: RunningService): Promise<string> {
  const token = await login(auth.url, 'alice');
  const jwks = await get<{ keys: JWK[] }>(`${auth.url}/.well-known/jwks.json`);
  await jwtVerify(token, createLocalJWKSet(jwks.body));
  return kidOf(token) ?? '';
}

describe('auth service: private signing keys encrypted at rest (AUTH_KEY_ENCRYPTION_KEY)', function () {
  this.timeout(30_000);
  const running: RunningService[] = [];
  const start = async (url: string, keys: Record<string, string>): Promise<RunningService> => {
    const auth = await startOn(url, keys);
    running.push(auth);
    return auth;
  };
  const stop = async (auth: RunningService): Promise<void> => {
    running.splice(running.indexOf(auth), 1);
    await auth.close();
  };
  afterEach(async () => {
    for (const auth of running.splice(0)) await auth.close();
  });

  it('stores no private key member in the clear, and signs tokens the key set verifies', async () => {
    const url = (await testEnv('kek_new')).DATABASE_URL ?? '';
    const kek = newKek();
    const auth = await start(url, { AUTH_KEY_ENCRYPTION_KEY: kek });
    const rows = await storedKeys(auth);
    expect(rows).to.have.length(1);
    const stored = rows[0]?.private_jwk ?? {};
    expect(stored).to.not.have.any.keys('d', 'kty', 'x', 'y');
    expect(stored.enc).to.equal('A256GCM');
    // The database dump holds neither the key's secret scalar nor the encryption key.
    expect(JSON.stringify(stored)).to.not.include(kek);
    expect(await verifiedKid(auth)).to.equal(rows[0]?.kid);
  });

  it('encrypts a key written in the clear before, and keeps signing with it', async () => {
    const url = (await testEnv('kek_legacy')).DATABASE_URL ?? '';
    const db = createDb({ url, poolMax: 1, applicationName: 'kek-test' });
    let kid: string;
    try {
      await migrate(db, serviceMigrations('auth'));
      const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
      const publicJwk = await exportJWK(publicKey);
      kid = await calculateJwkThumbprint(publicJwk);
      await db.raw(
        `INSERT INTO signing_keys (kid, private_jwk, public_jwk, signs_from)
         VALUES (:kid, CAST(:priv AS jsonb), CAST(:pub AS jsonb), now())`,
        {
          kid,
          priv: JSON.stringify(await exportJWK(privateKey)),
          pub: JSON.stringify(publicJwk),
        },
      );
    } finally {
      await db.destroy();
    }
    const auth = await start(url, { AUTH_KEY_ENCRYPTION_KEY: newKek() });
    const rows = await storedKeys(auth);
    expect(rows.map((r) => r.kid)).to.deep.equal([kid]);
    expect(rows[0]?.private_jwk).to.not.have.property('d');
    expect(rows[0]?.private_jwk?.enc).to.equal('A256GCM');
    expect(await verifiedKid(auth)).to.equal(kid);
  });

  it('rotates the encryption key: the previous one opens, the new one seals; without it, no start', async () => {
    const url = (await testEnv('kek_rotate')).DATABASE_URL ?? '';
    const [k1, k2] = [newKek(), newKek()];
    const first = await start(url, { AUTH_KEY_ENCRYPTION_KEY: k1 });
    const kid = await verifiedKid(first);
    const before = await storedKeys(first);
    await stop(first);

    // A new key alone cannot open what the old one sealed: the start fails and says why.
    let failure: unknown;
    await startOn(url, { AUTH_KEY_ENCRYPTION_KEY: k2 }).then(
      (auth) => auth.close(),
      (err: unknown) => (failure = err),
    );
    expect(String(failure)).to.match(/AUTH_KEY_ENCRYPTION_KEY_PREVIOUS/);

    const rotating = await start(url, {
      AUTH_KEY_ENCRYPTION_KEY: k2,
      AUTH_KEY_ENCRYPTION_KEY_PREVIOUS: k1,
    });
    const after = await storedKeys(rotating);
    expect(after.map((r) => r.kid)).to.deep.equal([kid]);
    expect(after[0]?.private_jwk?.kek).to.not.equal(before[0]?.private_jwk?.kek);
    expect(await verifiedKid(rotating)).to.equal(kid);
    await stop(rotating);

    // Re-encrypted: the previous key is no longer needed, and no longer enough.
    const done = await start(url, { AUTH_KEY_ENCRYPTION_KEY: k2 });
    expect(await verifiedKid(done)).to.equal(kid);
    await stop(done);
    failure = undefined;
    await startOn(url, { AUTH_KEY_ENCRYPTION_KEY: k1 }).then(
      (auth) => auth.close(),
      (err: unknown) => (failure = err),
    );
    expect(String(failure)).to.match(/neither AUTH_KEY_ENCRYPTION_KEY/);
  });

  it('requires the key in production, 64 hex characters', () => {
    const env = {
      DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/auth',
      SERVICE_TOKEN,
      NODE_ENV: 'production',
    };
    expect(() => loadAuthConfig(env)).to.throw(/AUTH_KEY_ENCRYPTION_KEY/);
    expect(() => loadAuthConfig({ ...env, AUTH_KEY_ENCRYPTION_KEY: 'short' })).to.throw(
      /AUTH_KEY_ENCRYPTION_KEY/,
    );
    const kek = newKek();
    expect(loadAuthConfig({ ...env, AUTH_KEY_ENCRYPTION_KEY: kek }).keyEncryption.current).to.equal(
      kek,
    );
    // Elsewhere (npm start, tests) a fixed development key, the same on every start.
    const dev = loadAuthConfig({ ...env, NODE_ENV: 'development' }).keyEncryption.current;
    expect(dev).to.match(/^[0-9a-f]{64}$/);
    expect(loadAuthConfig({ ...env, NODE_ENV: '' }).keyEncryption.current).to.equal(dev);
  });
});
