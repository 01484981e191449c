import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { loadOrchestrateurConfig } from '../../src/orchestrateur/config.js';
import { loadAuthConfig } from '../../src/services/auth/config.js';
import { loadMagasinConfig } from '../../src/services/magasin/config.js';
import { loadPanierConfig } from '../../src/services/panier/config.js';
import { spawnNode, spawnOrchestrateur } from '../support/child-orchestrateur.js';
import { freshDatabaseUrl } from '../support/postgres.js';
import { participantsEnv } from '../support/sagas.js';
import { SERVICE_TOKEN } from './support/identity.js';

const DB = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/d' };
const JWKS = 'http://127.0.0.1:8007/.well-known/jwks.json';

/** A key set of one real public key, on a free loopback port. */
async function serveKeySet(): Promise<{ url: string; close: () => Promise<void> }> {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const key = { ...publicKey.export({ format: 'jwk' }), kid: 'k0', alg: 'ES256', use: 'sig' };
  const server = createServer((_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ keys: [key] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('identity configuration (AUTH_* and SERVICE_TOKEN)', () => {
  it('checks identity by default: a service will not start without the JWKS URL and the service token', () => {
    expect(() => loadMagasinConfig(DB)).to.throw(
      /AUTH_JWKS_URL.* is required unless AUTH_REQUIRED=false/,
    );
    expect(() => loadMagasinConfig({ ...DB, AUTH_JWKS_URL: JWKS })).to.throw(
      /SERVICE_TOKEN.* is required unless AUTH_REQUIRED=false/,
    );
    const config = loadMagasinConfig({ ...DB, AUTH_JWKS_URL: JWKS, SERVICE_TOKEN });
    expect(config.auth).to.deep.include({
      required: true,
      jwksUrl: JWKS,
      issuer: 'saga-retail',
      audience: 'saga-retail-api',
      serviceToken: SERVICE_TOKEN,
    });
  });

  it('refuses a service token shorter than 32 characters without printing it', () => {
    const secret = 'short-secret-0123456789';
    let message = '';
    try {
      loadMagasinConfig({ ...DB, AUTH_JWKS_URL: JWKS, SERVICE_TOKEN: secret });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).to.match(/SERVICE_TOKEN.*at least 32/);
    expect(message).not.to.include(secret);
  });

  it('takes issuer and audience from the environment, the same in every process', () => {
    const env = {
      ...DB,
      ...participantsEnv('http://127.0.0.1:1'),
      PRODUITS_URL: 'http://127.0.0.1:2',
      AUTH_JWKS_URL: JWKS,
      SERVICE_TOKEN,
      AUTH_ISSUER: 'shop',
      AUTH_AUDIENCE: 'shop-api',
    };
    for (const auth of [
      loadPanierConfig(env).auth,
      loadOrchestrateurConfig(env).auth,
      loadAuthConfig(env).auth,
    ]) {
      expect(auth).to.include({ issuer: 'shop', audience: 'shop-api' });
    }
  });

  it('AUTH_REQUIRED=false needs neither; the auth service never needs them', () => {
    expect(loadMagasinConfig({ ...DB, AUTH_REQUIRED: 'false' }).auth.required).to.equal(false);
    expect(() =>
      loadOrchestrateurConfig({ ...participantsEnv('http://127.0.0.1:1'), AUTH_REQUIRED: 'false' }),
    ).not.to.throw();
    expect(() => loadOrchestrateurConfig(participantsEnv('http://127.0.0.1:1'))).to.throw(
      /AUTH_JWKS_URL/,
    );
    expect(loadAuthConfig(DB)).to.deep.include({ tokenTtlS: 900, keyActivationDelayS: 60 });
  });
});

describe('AUTH_REQUIRED=false says so at start-up', function () {
  this.timeout(60_000);

  const warned = (logs: Record<string, unknown>[]): boolean =>
    logs.some((l) => l.level === 'warn' && /AUTH_REQUIRED=false/.test(String(l.message)));

  it('a service alone', async () => {
    const child = await spawnNode(
      ['src/main.ts', 'magasin'],
      { DATABASE_URL: await freshDatabaseUrl('warn'), AUTH_REQUIRED: 'false' },
      'magasin listening',
    );
    try {
      expect(warned(child.logs)).to.equal(true);
    } finally {
      child.proc.kill('SIGTERM');
      await child.exited;
    }
  });

  it('the orchestrator alone, and not when identity is on', async () => {
    const env = {
      ...participantsEnv('http://127.0.0.1:1'),
      DATABASE_URL: await freshDatabaseUrl('warn'),
    };
    // With identity on it waits for a key set that answers before it listens (startup.ts).
    const keySet = await serveKeySet();
    const off = await spawnOrchestrateur({ ...env, AUTH_REQUIRED: 'false' });
    const on = await spawnOrchestrateur({
      ...env,
      AUTH_REQUIRED: 'true',
      AUTH_JWKS_URL: keySet.url,
      SERVICE_TOKEN,
    }).finally(() => keySet.close());
    try {
      expect(warned(off.logs)).to.equal(true);
      expect(warned(on.logs)).to.equal(false);
    } finally {
      for (const child of [off, on]) {
        child.proc.kill('SIGTERM');
        await child.exited;
      }
    }
  });
});
