import { expect } from 'chai';
import type { RunningService } from '../../src/lib/service.js';
import { startAuth } from '../../src/services/auth/app.js';
import { loadAuthConfig } from '../../src/services/auth/config.js';
import { hashPassword } from '../../src/services/auth/passwords.js';
import { get, post } from '../contract/http.js';
import { testEnv } from '../services/support/services.js';
import { claimsOf, SERVICE_TOKEN, TEST_HASH_COST } from './support/identity.js';

/** The auth service on `url`, no demo data loaded, with the deployment's settings `extra`. */
async function startOn(url: string, extra: Record<string, string>): Promise<RunningService> {
  const env = await testEnv('unused', {
    AUTH_REQUIRED: 'true',
    SERVICE_TOKEN,
    AUTH_ARGON2_MEMORY_KIB: String(TEST_HASH_COST.memoryKib),
    AUTH_ARGON2_TIME_COST: String(TEST_HASH_COST.timeCost),
    ...extra,
  });
  return startAuth(loadAuthConfig({ ...env, DATABASE_URL: url }));
}

const signIn = (auth: RunningService, username: string, password: string) =>
  post<{ access_token?: string }>(`${auth.url}/api/auth/token`, { username, password });

describe('auth service: the first operator account comes from OPERATOR_PASSWORD', function () {
  this.timeout(30_000);
  const running: RunningService[] = [];
  const start = async (url: string, extra: Record<string, string>): Promise<RunningService> => {
    const auth = await startOn(url, extra);
    running.push(auth);
    return auth;
  };
  const restart = async (auth: RunningService, url: string, extra: Record<string, string>) => {
    running.splice(running.indexOf(auth), 1);
    await auth.close();
    return start(url, extra);
  };
  afterEach(async () => {
    for (const auth of running.splice(0)) await auth.close();
  });

  it('creates it on a new database, and no demo account', async () => {
    const url = (await testEnv('first_op')).DATABASE_URL ?? '';
    const auth = await start(url, { OPERATOR_PASSWORD: 'first-secret-0123' });
    const res = await signIn(auth, 'admin', 'first-secret-0123');
    expect(res.status).to.equal(200);
    const claims = claimsOf(res.body.access_token ?? '');
    expect(claims).to.include({ sub: 'admin' });
    expect(claims.roles).to.deep.equal(['operateur']);
    expect((await signIn(auth, 'operateur', 'operateur-demo')).status).to.equal(401);
    const { rows } = await auth.db.raw<{ rows: { username: string }[] }>(
      'SELECT username FROM accounts',
    );
    expect(rows.map((r) => r.username)).to.deep.equal(['admin']);
  });

  it('never overwrites its password, nor brings it back once deleted', async () => {
    const url = (await testEnv('first_op_once')).DATABASE_URL ?? '';
    let auth = await start(url, {
      OPERATOR_USERNAME: 'chef',
      OPERATOR_PASSWORD: 'first-secret-0123',
    });
    // A changed secret changes nothing: the account has its own password now.
    auth = await restart(auth, url, {
      OPERATOR_USERNAME: 'chef',
      OPERATOR_PASSWORD: 'other-secret-4567',
    });
    expect((await signIn(auth, 'chef', 'first-secret-0123')).status).to.equal(200);
    expect((await signIn(auth, 'chef', 'other-secret-4567')).status).to.equal(401);

    // Another operator takes over and deletes it: a restart does not re-create it.
    await auth.db.raw(
      `INSERT INTO accounts (username, password_hash, role) VALUES ('marie', :hash, 'operateur')`,
      { hash: await hashPassword('marie-secret-89', TEST_HASH_COST) },
    );
    await auth.db.raw(`DELETE FROM accounts WHERE username = 'chef'`);
    auth = await restart(auth, url, {
      OPERATOR_USERNAME: 'chef',
      OPERATOR_PASSWORD: 'first-secret-0123',
    });
    expect((await signIn(auth, 'chef', 'first-secret-0123')).status).to.equal(401);
    expect((await signIn(auth, 'marie', 'marie-secret-89')).status).to.equal(200);
  });

  it('refuses a name a client account already holds', async () => {
    const url = (await testEnv('first_op_taken')).DATABASE_URL ?? '';
    const auth = await start(url, {});
    await auth.db.raw(
      `INSERT INTO accounts (username, password_hash, role, client_id) VALUES ('admin', :hash, 'client', 7)`,
      { hash: await hashPassword('client-secret-0', TEST_HASH_COST) },
    );
    running.splice(running.indexOf(auth), 1);
    await auth.close();
    let failure: unknown;
    await startOn(url, { OPERATOR_PASSWORD: 'first-secret-0123' }).then(
      (a) => a.close(),
      (err: unknown) => (failure = err),
    );
    expect(String(failure)).to.match(/OPERATOR_USERNAME admin is already a client account/);
  });

  it('refuses a short secret', async () => {
    const url = (await testEnv('first_op_short')).DATABASE_URL ?? '';
    expect(() => loadAuthConfig({ DATABASE_URL: url, OPERATOR_PASSWORD: 'short' })).to.throw(
      /OPERATOR_PASSWORD/,
    );
  });
});

describe('auth service: GET /api/auth/demo tells the login page whether demo data is on', function () {
  this.timeout(30_000);
  const running: RunningService[] = [];
  afterEach(async () => {
    for (const auth of running.splice(0)) await auth.close();
  });

  for (const [settings, expected] of [
    [{}, false],
    [{ DEMO_DATA: 'false' }, false],
    [{ DEMO_DATA: 'true' }, true],
  ] as const) {
    it(`answers demo_data: ${String(expected)} with ${JSON.stringify(settings)}, to anyone`, async () => {
      const url = (await testEnv('demo_flag')).DATABASE_URL ?? '';
      const auth = await startOn(url, settings);
      running.push(auth);
      const res = await get<{ demo_data?: boolean }>(`${auth.url}/api/auth/demo`);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ demo_data: expected });
    });
  }
});
