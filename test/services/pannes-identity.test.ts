import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import express from 'express';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { listen, type RunningServer } from '../../src/lib/http.js';
import type { RunningService } from '../../src/lib/service.js';
import { startStock } from '../../src/services/stock/app.js';
import { loadStockConfig } from '../../src/services/stock/config.js';
import { expectError } from '../contract/contract-support.js';
import { type ApiResponse, call } from '../contract/http.js';
import { testEnv } from './support/services.js';

const SERVICE_TOKEN = 'pannes-test-service-token-0123456789abcdef';

/** A stand-in for the auth service: one ES256 key, its JWKS, and tokens it signs. */
async function startIssuer() {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  const app = express();
  app.get('/.well-known/jwks.json', (_req, res) => {
    res.json({ keys: [jwk] });
  });
  const server: RunningServer = await listen(app, '127.0.0.1', 0);
  const token = (sub: string, claims: Record<string, unknown>): Promise<string> =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer('saga-retail')
      .setAudience('saga-retail-api')
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
  return { jwksUrl: `${server.url}/.well-known/jwks.json`, token, close: () => server.close() };
}

describe('demo fault switches with identity on', () => {
  let issuer: Awaited<ReturnType<typeof startIssuer>>;
  let stock: RunningService;
  const auth: Record<string, Record<string, string>> = { anonyme: {} };

  before(async () => {
    issuer = await startIssuer();
    const env = await testEnv('stock', {
      DEMO_FAULTS: 'true',
      AUTH_REQUIRED: 'true',
      AUTH_JWKS_URL: issuer.jwksUrl,
      SERVICE_TOKEN,
    });
    stock = await startStock(loadStockConfig(env));
    const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
    auth.client = bearer(await issuer.token('alice', { roles: ['client'], client_id: 1 }));
    auth.operateur = bearer(await issuer.token('operateur', { roles: ['operateur'] }));
    auth.service = bearer(SERVICE_TOKEN);
  });

  after(async () => {
    await stock?.close();
    await issuer?.close();
  });

  const as = (who: string, method: 'GET' | 'PUT' | 'POST', path: string, json?: unknown) =>
    call(method, `${stock.url}${path}`, { json, headers: auth[who] ?? {} });
  const restant = async (): Promise<number[]> => {
    const res = (await as('operateur', 'GET', '/api/pannes/stock')) as ApiResponse<{
      actives: { restant: number }[];
    }>;
    return res.body.actives.map((a) => a.restant);
  };

  it('lets only the operateur role see and switch them', async () => {
    const anonyme = await as('anonyme', 'GET', '/api/pannes/stock');
    expectError(anonyme, 401, 'NON_AUTHENTIFIE');
    expect(anonyme.headers['www-authenticate']).to.match(/^Bearer/);
    const body = { mode: 'refus', nombre: 1 };
    expectError(
      await as('client', 'PUT', '/api/pannes/stock/reserver_stock', body),
      403,
      'ACCES_REFUSE',
    );
    expectError(await as('service', 'GET', '/api/pannes/stock'), 403, 'ACCES_REFUSE');
    expect((await as('operateur', 'GET', '/api/pannes/stock')).status).to.equal(200);
    expect(await restant()).to.deep.equal([]);
  });

  it("faults only the saga's own calls: others get the route's answer and use up nothing", async () => {
    const magasin = 90_000 + Math.floor(Math.random() * 9_000);
    const level = `/api/stock/magasins/${magasin}/produits/7`;
    expect((await as('operateur', 'PUT', level, { quantite: 10 })).status).to.equal(200);
    await as('operateur', 'PUT', '/api/pannes/stock/reserver_stock', { mode: 'refus', nombre: 1 });
    const reserver = () => ({
      commande_id: randomUUID(),
      magasin_id: magasin,
      lignes: [{ produit_id: 7, quantite: 1 }],
    });

    // Whatever the route itself answers them (401, 403), it is not the fault's answer.
    for (const who of ['anonyme', 'client', 'operateur']) {
      const res = await as(who, 'POST', '/api/stock/reserver', reserver());
      const message = (res.body as { error?: { message?: string } }).error?.message ?? '';
      expect(message, who).not.to.include('Simulated');
    }
    expect(await restant()).to.deep.equal([1]);

    const body = reserver();
    expectError(await as('service', 'POST', '/api/stock/reserver', body), 409, 'STOCK_INSUFFISANT');
    expect(await restant()).to.deep.equal([]);
    expect((await as('service', 'POST', '/api/stock/reserver', body)).status).to.equal(201);
  });
});
