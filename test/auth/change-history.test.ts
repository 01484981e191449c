import { expect } from 'chai';
import type { RunningService } from '../../src/lib/service.js';
import { startMagasin } from '../../src/services/magasin/app.js';
import { loadMagasinConfig } from '../../src/services/magasin/config.js';
import { startProduits } from '../../src/services/produits/app.js';
import { loadProduitsConfig } from '../../src/services/produits/config.js';
import { startStock } from '../../src/services/stock/app.js';
import { loadStockConfig } from '../../src/services/stock/config.js';
import { call } from '../contract/http.js';
import { testEnv } from '../services/support/services.js';
import { bearer, identityEnv, login, SERVICE_TOKEN, startTestAuth } from './support/identity.js';

type Entree = { auteur: string };

describe("the employees' changes are recorded with the verified caller, never one the body names", function () {
  this.timeout(60_000);
  let auth: RunningService;
  let services: RunningService[] = [];
  let op: Record<string, string>;
  let alice: Record<string, string>;
  const url = (i: number, path: string): string => `${services[i]?.url ?? ''}${path}`;

  before(async () => {
    auth = await startTestAuth();
    const env = identityEnv(auth.url);
    services = await Promise.all([
      startProduits(loadProduitsConfig(await testEnv('produits', env))),
      startMagasin(loadMagasinConfig(await testEnv('magasin', env))),
      startStock(loadStockConfig(await testEnv('stock', env))),
    ]);
    op = bearer(await login(auth.url, 'operateur'));
    alice = bearer(await login(auth.url, 'alice'));
  });
  after(async () => {
    await Promise.all(services.map((s) => s.close()));
    await auth?.close();
  });

  const historique = async (i: number, path: string): Promise<Entree[]> => {
    const res = await call<{ historique: Entree[] }>('GET', url(i, path), { headers: op });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body.historique;
  };

  it("a produit's creation and change: by the operator's token subject; an 'auteur' in the body is refused", async () => {
    const body = { nom: 'Sirop', categorie: 'epicerie', prix_cents: 650 };
    const made = await call<{ id: number }>('POST', url(0, '/api/produits'), {
      json: body,
      headers: op,
    });
    expect(made.status).to.equal(201);
    const forged = await call('PUT', url(0, `/api/produits/${made.body.id}`), {
      json: { prix_cents: 700, auteur: 'quelquun' },
      headers: op,
    });
    expect(forged.status).to.equal(400);
    await call('PUT', url(0, `/api/produits/${made.body.id}`), {
      json: { prix_cents: 700 },
      headers: op,
    });
    const h = await historique(0, `/api/produits/${made.body.id}/historique`);
    expect(h.map((e) => e.auteur)).to.deep.equal(['operateur', 'operateur']);
  });

  it("a magasin's and a stock line's changes: by the operator; the service token may not change a level (403)", async () => {
    const body = { nom: 'Halles', ville: 'Lille', adresse: '2 place des Halles' };
    const made = await call<{ id: number }>('POST', url(1, '/api/magasins'), {
      json: body,
      headers: op,
    });
    expect(made.status).to.equal(201);
    expect((await historique(1, `/api/magasins/${made.body.id}/historique`))[0]?.auteur).to.equal(
      'operateur',
    );
    const ligne = `/api/stock/magasins/${made.body.id}/produits/1`;
    await call('PUT', url(2, ligne), { json: { quantite: 5 }, headers: op });
    // The service token may not change levels: only an operator does.
    const asService = await call('PUT', url(2, ligne), {
      json: { quantite: 9 },
      headers: bearer(SERVICE_TOKEN),
    });
    expect(asService.status).to.equal(403);
    const h = await historique(2, `${ligne}/historique`);
    expect(h.map((e) => e.auteur)).to.deep.equal(['operateur']);
  });

  it('a client may read none of the histories, nor change anything (403)', async () => {
    for (const [i, method, path, json] of [
      [0, 'GET', '/api/produits/1/historique', undefined],
      [0, 'POST', '/api/produits', { nom: 'X', categorie: 'c', prix_cents: 1 }],
      [1, 'GET', '/api/magasins/1/historique', undefined],
      [1, 'PUT', '/api/magasins/1', { ville: 'Y' }],
      [2, 'GET', '/api/stock/magasins/1/historique', undefined],
      [2, 'POST', '/api/stock/magasins/1/produits/1/ajuster', { delta: 1, motif: 'Vol' }],
    ] as const) {
      const res = await call(method, url(i, path), {
        ...(json === undefined ? {} : { json }),
        headers: alice,
      });
      expect(res.status, `${method} ${path}`).to.equal(403);
    }
  });
});
