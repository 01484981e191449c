import { expect } from 'chai';
import express from 'express';
import { listen, type RunningServer } from '../../src/lib/http.js';
import { createLogger } from '../../src/lib/logger.js';
import { startService } from '../../src/lib/service.js';
import type { ServiceConfig } from '../../src/lib/service-config.js';
import { databaseBlocker, startupProbe, waitForKeySet } from '../../src/lib/startup.js';
import { freePort, freshDatabaseUrl } from '../support/postgres.js';

const silent = createLogger('t', 'silent', 'json');

function config(databaseUrl: string, port: number, jwksUrl?: string): ServiceConfig {
  return {
    port,
    host: '127.0.0.1',
    databaseUrl,
    dbPoolMax: 2,
    logLevel: 'silent',
    logFormat: 'json',
    auth: {
      required: jwksUrl !== undefined,
      jwksUrl,
      issuer: 'i',
      audience: 'a',
      serviceToken: 'x'.repeat(32),
      jwksCooldownMs: 0,
    },
  };
}

const probeOf = async (port: number) => {
  const res = await fetch(`http://127.0.0.1:${port}/ready`);
  return { status: res.status, body: (await res.json()) as { status: string; reason: string } };
};

const eventually = async <T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> => {
  for (let i = 0; ; i += 1) {
    const v = await read().catch(() => undefined);
    if (v !== undefined && ok(v)) return v;
    if (i > 100) throw new Error(`not reached: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('a service starting before what it needs (src/lib/startup.ts)', () => {
  it('with a wrong database password, says so on its port and keeps trying', async () => {
    const good = await freshDatabaseUrl('startup_pw');
    const bad = new URL(good);
    bad.username = 'nobody_here';
    bad.password = 'wrong';
    const port = await freePort();
    const starting = startService({
      name: 'produits',
      config: config(bad.href, port),
      mount: () => express.Router(),
    });
    const seen = await eventually(
      () => probeOf(port),
      (p) => p.body.status === 'failed',
    );
    expect(seen.status).to.equal(503);
    expect(seen.body.reason).to.match(/refuses the login/);
    expect(seen.body.reason).to.match(/_DB_PASSWORD/);
    expect(seen.body.reason).to.not.include('wrong');
    void starting.catch(() => undefined);
  });

  it('waits for its database (503 starting), then listens and answers /ready 200', async () => {
    const port = await freePort();
    const dbPort = await freePort();
    const url = `postgres://u:p@127.0.0.1:${dbPort}/none`;
    const starting = startService({
      name: 'produits',
      config: config(url, port),
      mount: () => express.Router(),
    });
    const seen = await eventually(
      () => probeOf(port),
      (p) => p.body.status === 'starting' && p.body.reason.includes('ECONNREFUSED'),
    );
    expect(seen.status).to.equal(503);
    expect(seen.body.reason).to.include(`127.0.0.1:${dbPort}/none as u`);
    void starting.catch(() => undefined);
  });

  it('waits for the key set, then starts once it serves keys', async function () {
    this.timeout(30_000);
    let keys: unknown[] = [];
    const app = express();
    app.get('/jwks', (_q, r) => void r.json({ keys }));
    const jwks: RunningServer = await listen(app, '127.0.0.1', 0);
    const port = await freePort();
    const starting = startService({
      name: 'produits',
      config: config(await freshDatabaseUrl('startup_keys'), port, `${jwks.url}/jwks`),
      mount: () => express.Router(),
    });
    const seen = await eventually(
      () => probeOf(port),
      (p) => p.body.reason.includes('key set'),
    );
    expect(seen.body.reason).to.include('AUTH_JWKS_URL');
    keys = [{ kty: 'EC' }];
    const running = await starting;
    expect((await fetch(`${running.url}/ready`)).status).to.equal(200);
    await running.close();
    await jwks.close();
  });

  it('names an unreachable key set by its error code', async () => {
    const reasons: string[] = [];
    const url = `http://127.0.0.1:${await freePort()}/jwks`;
    const waiting = waitForKeySet(url, {
      logger: silent,
      delayMs: 10,
      report: (b) => reasons.push(b.message),
    });
    await eventually(
      async () => reasons.length,
      (n) => n > 0,
    );
    expect(reasons[0]).to.equal(`waiting for the key set at ${url} (AUTH_JWKS_URL): ECONNREFUSED`);
    void waiting;
  });

  it('tells a missing database from one still starting', () => {
    const url = 'postgres://stock:secret@stock-db:5432/stock';
    expect(databaseBlocker({ code: '3D000', message: 'no db' }, url).misconfigured).to.equal(true);
    const down = databaseBlocker({ code: 'ENOTFOUND', message: 'getaddrinfo' }, url);
    expect(down).to.deep.equal({
      misconfigured: false,
      message: 'waiting for database stock-db:5432/stock as stock: ENOTFOUND getaddrinfo',
    });
  });

  it('the probe answers every path 503 with the reason, and frees its port', async () => {
    const port = await freePort();
    const probe = await startupProbe('stock', '127.0.0.1', port);
    probe.set('failed', 'AUTH_KEY_ENCRYPTION_KEY is required');
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    expect(res.status).to.equal(503);
    expect(await res.json()).to.deep.equal({
      service: 'stock',
      status: 'failed',
      reason: 'AUTH_KEY_ENCRYPTION_KEY is required',
    });
    await probe.close();
    const again = await startupProbe('stock', '127.0.0.1', port);
    await again.close();
  });
});
