import { expect } from 'chai';
import { call, get, post, put } from '../contract/http.js';
import { expectDocumented } from './support/openapi.js';
import {
  serviceForSuite,
  startTestMagasin,
  startTestProduits,
  startTestStock,
} from './support/services.js';

/** Every answer of the employees' routes is one docs/openapi/services.yaml describes. */
describe("the employees' routes answer as services.yaml documents them", () => {
  const produits = serviceForSuite(startTestProduits);
  const magasin = serviceForSuite(startTestMagasin);
  const stock = serviceForSuite(() => startTestStock());

  it('produits: create, change, search, history, refusals', async () => {
    const base = `${produits().url}/api/produits`;
    const made = await post<{ id: number }>(base, {
      nom: 'Miel',
      categorie: 'epicerie',
      prix_cents: 899,
      description: 'Toutes fleurs',
    });
    expectDocumented('POST', base, made);
    const id = made.body.id;
    expectDocumented('PUT', `${base}/${id}`, await put(`${base}/${id}`, { prix_cents: 949 }));
    const patched = await call('PATCH', `${base}/${id}`, { json: { nom: 'Miel de fleurs' } });
    expectDocumented('PATCH', `${base}/${id}`, patched);
    expectDocumented('GET', `${base}?q=miel`, await get(`${base}?q=miel`));
    const h = await get(`${base}/${id}/historique`);
    expect(h.status).to.equal(200);
    expectDocumented('GET', `${base}/${id}/historique`, h);
    expectDocumented('GET', `${base}/999999/historique`, await get(`${base}/999999/historique`));
    expectDocumented('POST', base, await post(base, { nom: 'X', categorie: 'c', prix_cents: -1 }));
  });

  it('magasins: create, change, history', async () => {
    const base = `${magasin().url}/api/magasins`;
    const made = await post<{ id: number }>(base, {
      nom: 'Gare',
      ville: 'Lille',
      adresse: '1 pl.',
    });
    expectDocumented('POST', base, made);
    const one = `${base}/${made.body.id}`;
    expectDocumented('PUT', one, await put(one, { adresse: '2 place de la Gare' }));
    expectDocumented('GET', one, await get(one));
    expectDocumented('GET', `${one}/historique`, await get(`${one}/historique`));
    expectDocumented('POST', base, await post(base, { nom: 'Sans adresse', ville: 'Lille' }));
  });

  it('stock: set, stale set, adjust, histories', async () => {
    const ligne = `${stock().url}/api/stock/magasins/7001/produits/1`;
    expectDocumented('PUT', ligne, await put(ligne, { quantite: 5, quantite_attendue: 0 }));
    const stale = await put(ligne, { quantite: 9, quantite_attendue: 1 });
    expect(stale.status).to.equal(409);
    expectDocumented('PUT', ligne, stale);
    const adjusted = await post(`${ligne}/ajuster`, { delta: 2, motif: 'Réception' });
    expectDocumented('POST', `${ligne}/ajuster`, adjusted);
    expectDocumented('GET', `${ligne}/historique`, await get(`${ligne}/historique`));
    const magasinHistory = `${stock().url}/api/stock/magasins/7001/historique`;
    expectDocumented('GET', magasinHistory, await get(magasinHistory));
  });
});
