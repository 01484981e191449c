import { expect } from 'chai';
import got from 'got';
import type { RunningService } from '../../src/lib/service.js';
import { loadAuthConfig } from '../../src/services/auth/config.js';
import { serviceForSuite } from '../services/support/services.js';
import { startTestAuth } from './support/identity.js';

/** Small limits and delays: slowed after 2 failures, refused after 5 for one account. */
const THROTTLE = {
  AUTH_LOGIN_ACCOUNT_FREE_ATTEMPTS: '2',
  AUTH_LOGIN_ACCOUNT_MAX_ATTEMPTS: '5',
  AUTH_LOGIN_ADDRESS_FREE_ATTEMPTS: '6',
  AUTH_LOGIN_ADDRESS_MAX_ATTEMPTS: '8',
  AUTH_LOGIN_DELAY_MS: '40',
  AUTH_LOGIN_MAX_DELAY_MS: '160',
  AUTH_LOGIN_BLOCK_S: '120',
  AUTH_LOGIN_WINDOW_S: '600',
};

const PASSWORDS = ['123456', 'password', 'azerty', 'alice2024', 'soleil', 'qwerty', 'motdepasse'];

interface Answer {
  status: number;
  body: { error?: { code: string; message: string }; access_token?: string };
  retryAfter: string | undefined;
  ms: number;
}

/**
 * POST /api/auth/token from a chosen loopback address (127.0.0.0/8 is all this machine): the
 * service sees another TCP peer, as it would see another client.
 */
async function signIn(
  auth: RunningService,
  username: string,
  password: string,
  from: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const started = performance.now();
  const res = await got.post(`${auth.url}/api/auth/token`, {
    json: { username, password },
    headers,
    localAddress: from,
    throwHttpErrors: false,
    retry: { limit: 0 },
    responseType: 'json',
  });
  return {
    status: res.statusCode,
    body: res.body as Answer['body'],
    retryAfter: res.headers['retry-after'],
    ms: performance.now() - started,
  };
}

async function metric(auth: RunningService, series: string): Promise<number> {
  const text = (await got(`${auth.url}/metrics`)).body;
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

const FAILED = 'auth_connexions_echouees_total{raison="identifiants_invalides",service="auth"}';
const REFUSED = 'auth_connexions_echouees_total{raison="trop_de_tentatives",service="auth"}';
const BLOCKED_ACCOUNTS = 'auth_connexions_bloquees_total{portee="compte",service="auth"}';
const BLOCKED_ADDRESSES = 'auth_connexions_bloquees_total{portee="adresse",service="auth"}';

const TOO_MANY = {
  error: { code: 'TROP_DE_TENTATIVES', message: 'Too many failed sign-ins; retry later' },
};

describe('auth service: failed sign-ins are slowed, then refused (429)', function () {
  this.timeout(30_000);
  const auth = serviceForSuite(() => startTestAuth(THROTTLE));

  it('cuts a password list against one account off with 429 and Retry-After, the right password too, while another account signs in from another address', async () => {
    const before = {
      failed: await metric(auth(), FAILED),
      refused: await metric(auth(), REFUSED),
      blocked: await metric(auth(), BLOCKED_ACCOUNTS),
    };
    const answers: Answer[] = [];
    for (const password of PASSWORDS)
      answers.push(await signIn(auth(), 'alice', password, '127.0.0.1'));

    expect(answers.map((a) => a.status)).to.deep.equal([401, 401, 401, 401, 401, 429, 429]);
    // The delay grows: none for the first two failures, then 40, 80, 160 ms.
    expect(answers[2]?.ms).to.be.at.least(40);
    expect(answers[3]?.ms).to.be.at.least(80);
    expect(answers[4]?.ms).to.be.at.least(160);
    for (const refused of answers.slice(5)) {
      expect(refused.body).to.deep.equal(TOO_MANY);
      expect(Number(refused.retryAfter)).to.be.within(1, 120);
    }

    const right = await signIn(auth(), 'alice', 'alice-demo', '127.0.0.1');
    expect(right.status).to.equal(429);
    expect(right.body).to.deep.equal(TOO_MANY);
    expect(right.body).not.to.have.property('access_token');

    const bruno = await signIn(auth(), 'bruno', 'bruno-demo', '127.0.0.2');
    expect(bruno.status).to.equal(200);
    expect(bruno.body.access_token).to.be.a('string');

    expect(await metric(auth(), FAILED)).to.equal(before.failed + 5);
    expect(await metric(auth(), REFUSED)).to.equal(before.refused + 3);
    expect(await metric(auth(), BLOCKED_ACCOUNTS)).to.equal(before.blocked + 1);

    // The counts keep no typed name: the account is known by a hash.
    const { rows } = await auth().db.raw<{ rows: { scope: string; key: string }[] }>(
      `SELECT scope, key FROM login_throttle WHERE scope = 'account'`,
    );
    expect(rows.map((r) => r.key)).not.to.include('alice');
  });

  it('treats an unknown name exactly like a known one: same answers, same Retry-After', async () => {
    const known: Answer[] = [];
    const unknown: Answer[] = [];
    for (const password of PASSWORDS) {
      known.push(await signIn(auth(), 'chloe', password, '127.0.0.3'));
      unknown.push(await signIn(auth(), 'mallory', password, '127.0.0.4'));
    }
    const seen = (as: Answer[]) => as.map((a) => [a.status, a.body, a.retryAfter !== undefined]);
    expect(seen(unknown)).to.deep.equal(seen(known));
    expect(known.map((a) => a.status)).to.deep.equal([401, 401, 401, 401, 401, 429, 429]);
    expect(unknown[4]?.ms).to.be.at.least(160);
  });

  it('starts an account again from zero after a successful sign-in', async () => {
    const from = '127.0.0.5';
    for (const password of PASSWORDS.slice(0, 4)) {
      expect((await signIn(auth(), 'david', password, from)).status).to.equal(401);
    }
    expect((await signIn(auth(), 'david', 'david-demo', from)).status).to.equal(200);
    // Without the reset the second of these would be the sixth failure in a row: 429.
    const after: number[] = [];
    for (const password of PASSWORDS.slice(0, 5)) {
      after.push((await signIn(auth(), 'david', password, '127.0.0.6')).status);
    }
    expect(after).to.deep.equal([401, 401, 401, 401, 401]);
    expect((await signIn(auth(), 'david', 'nope', '127.0.0.6')).status).to.equal(429);
  });

  it('blocks an address spraying many names, even for a right password, and not the others', async () => {
    const before = await metric(auth(), BLOCKED_ADDRESSES);
    const from = '127.0.0.7';
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      statuses.push((await signIn(auth(), `user${i}`, 'password', from)).status);
    }
    expect(statuses).to.deep.equal([401, 401, 401, 401, 401, 401, 401, 401]);
    const right = await signIn(auth(), 'operateur', 'operateur-demo', from);
    expect(right.status).to.equal(429);
    expect(Number(right.retryAfter)).to.be.within(1, 120);
    expect(await metric(auth(), BLOCKED_ADDRESSES)).to.equal(before + 1);
    expect((await signIn(auth(), 'operateur', 'operateur-demo', '127.0.0.8')).status).to.equal(200);
  });

  it('does not believe X-Forwarded-For from a caller that is not a trusted proxy', async () => {
    const from = '127.0.0.9';
    const statuses: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      const spoofed = { 'x-forwarded-for': `203.0.113.${i + 1}` };
      statuses.push((await signIn(auth(), `spray${i}`, 'password', from, spoofed)).status);
    }
    expect(statuses.at(-1)).to.equal(429);
  });
});

describe('auth service: client address behind a trusted proxy (AUTH_TRUSTED_PROXIES)', function () {
  this.timeout(30_000);
  const auth = serviceForSuite(() =>
    startTestAuth({ ...THROTTLE, AUTH_TRUSTED_PROXIES: '127.0.0.10, 10.0.0.0/8' }),
  );

  it('counts the address the proxy forwards, not the proxy: one client blocked, another not', async () => {
    const proxy = '127.0.0.10';
    const client = { 'x-forwarded-for': '198.51.100.7, 10.1.2.3' };
    for (let i = 0; i < 8; i += 1) {
      expect((await signIn(auth(), `spray${i}`, 'password', proxy, client)).status).to.equal(401);
    }
    expect((await signIn(auth(), 'alice', 'alice-demo', proxy, client)).status).to.equal(429);
    const other = { 'x-forwarded-for': '198.51.100.8' };
    expect((await signIn(auth(), 'alice', 'alice-demo', proxy, other)).status).to.equal(200);
  });
});

describe('auth service: the throttle settings (AUTH_LOGIN_*, AUTH_TRUSTED_PROXIES)', () => {
  const env = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/d', AUTH_REQUIRED: 'false' };

  it('has defaults, and refuses free attempts above the limit or a proxy that is no address', () => {
    expect(loadAuthConfig(env).loginThrottle).to.deep.include({
      account: { freeAttempts: 3, maxAttempts: 10 },
      address: { freeAttempts: 20, maxAttempts: 100 },
      blockS: 300,
      trustedProxies: [],
    });
    expect(
      loadAuthConfig({ ...env, AUTH_TRUSTED_PROXIES: '10.0.0.0/8, ::1' }).loginThrottle
        .trustedProxies,
    ).to.deep.equal(['10.0.0.0/8', '::1']);
    expect(() => loadAuthConfig({ ...env, AUTH_LOGIN_ACCOUNT_FREE_ATTEMPTS: '11' })).to.throw(
      /AUTH_LOGIN_ACCOUNT_FREE_ATTEMPTS/,
    );
    expect(() => loadAuthConfig({ ...env, AUTH_TRUSTED_PROXIES: 'krakend' })).to.throw(
      /AUTH_TRUSTED_PROXIES/,
    );
    expect(() => loadAuthConfig({ ...env, AUTH_TRUSTED_PROXIES: '10.0.0.0/33' })).to.throw(
      /AUTH_TRUSTED_PROXIES/,
    );
  });
});
