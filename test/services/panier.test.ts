import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { RunningClient } from '../../src/services/client/app.js';
import type { RunningPanier } from '../../src/services/panier/app.js';
import type { RunningProduits } from '../../src/services/produits/app.js';
import { del, get, post, put } from '../contract/http.js';
import { freePort } from '../support/postgres.js';
import { startTestClient, startTestPanier, startTestProduits } from './support/services.js';

type Ligne = { produit_id: number; quantite: number; prix_unitaire_cents: number };
type Panier = { client_id: number; lignes: Ligne[]; total_cents: number };

describe('panier service', () => {
  let produits: RunningProduits;
  let client: RunningClient;
  let panier: RunningPanier;
  let n = 0;

  const newClient = async (): Promise<number> => {
    n += 1;
    const res = await post<{ id: number }>(`${client.url}/api/clients`, {
      nom: 'P',
      email: `panier-${n}@example.test`,
    });
    return res.body.id;
  };
  const newProduit = async (prix: number): Promise<number> =>
    (
      await post<{ id: number }>(`${produits.url}/api/produits`, {
        nom: 'P',
        categorie: 'c',
        prix_cents: prix,
      })
    ).body.id;
  const add = (c: number, body: Record<string, unknown>) =>
    post<Panier>(`${panier.url}/api/panier/${c}/lignes`, body);

  before(async () => {
    [produits, client] = await Promise.all([startTestProduits(), startTestClient()]);
    panier = await startTestPanier({ produitsUrl: produits.url, clientUrl: client.url });
  });
  after(async () => {
    await Promise.all([panier?.close(), produits?.close(), client?.close()]);
  });

  it('takes the price from the produits service and refuses one from the caller', async () => {
    const c = await newClient();
    const p = await newProduit(1_250);
    const priced = await add(c, { produit_id: p, quantite: 2, prix_unitaire_cents: 1 });
    expect(priced.status).to.equal(400);
    const res = await add(c, { produit_id: p, quantite: 2 });
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({
      client_id: c,
      lignes: [{ produit_id: p, quantite: 2, prix_unitaire_cents: 1_250 }],
      total_cents: 2_500,
    });
  });

  it('adding a produit again adds to its quantity at the price of the day', async () => {
    const c = await newClient();
    const p = await newProduit(100);
    await add(c, { produit_id: p, quantite: 1 });
    await put(`${produits.url}/api/produits/${p}`, { prix_cents: 120 });
    const res = await add(c, { produit_id: p, quantite: 2 });
    expect(res.body.lignes).to.deep.equal([
      { produit_id: p, quantite: 3, prix_unitaire_cents: 120 },
    ]);
  });

  it('changes a quantity and removes a line; unknown lines answer 404 LIGNE_INCONNUE', async () => {
    const c = await newClient();
    const p1 = await newProduit(100);
    const p2 = await newProduit(200);
    await add(c, { produit_id: p1, quantite: 1 });
    await add(c, { produit_id: p2, quantite: 1 });
    const changed = await put<Panier>(`${panier.url}/api/panier/${c}/lignes/${p1}`, {
      quantite: 5,
    });
    expect(changed.body.total_cents).to.equal(700);
    const removed = await del<Panier>(`${panier.url}/api/panier/${c}/lignes/${p2}`);
    expect(removed.body.lignes.map((l) => l.produit_id)).to.deep.equal([p1]);
    const gone = await del(`${panier.url}/api/panier/${c}/lignes/${p2}`);
    expect(gone.status).to.equal(404);
    expect(gone.body).to.have.nested.property('error.code', 'LIGNE_INCONNUE');
    expect(
      (await put(`${panier.url}/api/panier/${c}/lignes/${p2}`, { quantite: 1 })).status,
    ).to.equal(404);
  });

  it('refuses an unknown produit with 404 PRODUIT_INCONNU and an unknown client with 404 CLIENT_INCONNU', async () => {
    const c = await newClient();
    const noProduit = await add(c, { produit_id: 987_654, quantite: 1 });
    expect(noProduit.status).to.equal(404);
    expect(noProduit.body).to.have.nested.property('error.code', 'PRODUIT_INCONNU');
    const noClient = await add(987_654, { produit_id: await newProduit(1), quantite: 1 });
    expect(noClient.status).to.equal(404);
    expect(noClient.body).to.have.nested.property('error.code', 'CLIENT_INCONNU');
  });

  it('refuses a zero quantity with 400', async () => {
    const c = await newClient();
    expect((await add(c, { produit_id: await newProduit(1), quantite: 0 })).status).to.equal(400);
  });

  it('vider ignores lines no longer in the cart and removes a line that falls to zero', async () => {
    const c = await newClient();
    const p1 = await newProduit(100);
    const p2 = await newProduit(100);
    await add(c, { produit_id: p1, quantite: 2 });
    const res = await post(`${panier.url}/api/panier/${c}/vider`, {
      commande_id: randomUUID(),
      lignes: [
        { produit_id: p1, quantite: 5 },
        { produit_id: p2, quantite: 1 },
      ],
    });
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ client_id: c, etat: 'VIDE' });
    expect((await get<Panier>(`${panier.url}/api/panier/${c}`)).body.lignes).to.deep.equal([]);
  });

  it('vider of one commande arriving many times at once removes the quantities once', async () => {
    const c = await newClient();
    const p = await newProduit(100);
    await add(c, { produit_id: p, quantite: 10 });
    const body = { commande_id: randomUUID(), lignes: [{ produit_id: p, quantite: 3 }] };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => post(`${panier.url}/api/panier/${c}/vider`, body)),
    );
    expect(results.every((r) => r.status === 200)).to.equal(true);
    expect((await get<Panier>(`${panier.url}/api/panier/${c}`)).body.lignes[0]?.quantite).to.equal(
      7,
    );
  });

  it('refuses a commande already used to empty another client cart with 422', async () => {
    const a = await newClient();
    const b = await newClient();
    const body = { commande_id: randomUUID(), lignes: [] };
    expect((await post(`${panier.url}/api/panier/${a}/vider`, body)).status).to.equal(200);
    expect((await post(`${panier.url}/api/panier/${b}/vider`, body)).status).to.equal(422);
  });

  describe('when the other services are down', () => {
    let isolated: RunningPanier;
    let knownClient: number;

    before(async () => {
      const closed = `http://127.0.0.1:${await freePort()}`;
      isolated = await startTestPanier({ produitsUrl: closed, clientUrl: closed, timeoutMs: 500 });
      knownClient = await newClient();
      await isolated.db.raw('INSERT INTO clients_connus (client_id) VALUES (?)', [knownClient]);
    });
    after(async () => {
      await isolated?.close();
    });

    it('answers 503 PRODUITS_INDISPONIBLE when adding, so that the caller may retry', async () => {
      const res = await post(`${isolated.url}/api/panier/${knownClient}/lignes`, { produit_id: 1 });
      expect(res.status).to.equal(503);
      expect(res.body).to.have.nested.property('error.code', 'PRODUITS_INDISPONIBLE');
    });

    it('answers 503 CLIENT_INDISPONIBLE for a client it cannot check yet', async () => {
      const res = await get(`${isolated.url}/api/panier/${knownClient + 1000}`);
      expect(res.status).to.equal(503);
      expect(res.body).to.have.nested.property('error.code', 'CLIENT_INDISPONIBLE');
    });

    it('still reads the cart of a client it already knows, and still empties carts', async () => {
      const res = await get<Panier>(`${isolated.url}/api/panier/${knownClient}`);
      expect(res.status).to.equal(200);
      expect(res.body.lignes).to.deep.equal([]);
      const vider = await post(`${isolated.url}/api/panier/${knownClient}/vider`, {
        commande_id: randomUUID(),
        lignes: [{ produit_id: 1, quantite: 1 }],
      });
      expect(vider.status).to.equal(200);
    });
  });
});
