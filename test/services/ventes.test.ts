import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { get, post } from '../contract/http.js';
import { serviceForSuite, startTestVentes } from './support/services.js';

type Vente = {
  id: number;
  commande_id: string;
  magasin_id: number;
  total_cents: number;
  lignes: unknown[];
};

const vente = (magasin: number, overrides: Record<string, unknown> = {}) => ({
  commande_id: randomUUID(),
  client_id: 1,
  magasin_id: magasin,
  lignes: [
    { produit_id: 3, quantite: 1, prix_unitaire_cents: 1299 },
    { produit_id: 1, quantite: 2, prix_unitaire_cents: 499 },
  ],
  total_cents: 2297,
  ...overrides,
});

describe('ventes service', () => {
  const svc = serviceForSuite(startTestVentes);
  const record = (body: unknown) => post<Vente>(`${svc().url}/api/ventes`, body);

  it('records a vente with its lignes and returns it by id and by commande', async () => {
    const body = vente(1);
    const res = await record(body);
    expect(res.status).to.equal(201);
    expect(res.headers.location).to.equal(`/api/ventes/${res.body.id}`);
    expect(res.body.lignes).to.deep.equal([
      { produit_id: 1, quantite: 2, prix_unitaire_cents: 499 },
      { produit_id: 3, quantite: 1, prix_unitaire_cents: 1299 },
    ]);
    expect((await get(`${svc().url}/api/ventes/${res.body.id}`)).body).to.deep.equal(res.body);
    expect((await get(`${svc().url}/api/ventes/commande/${body.commande_id}`)).body).to.deep.equal(
      res.body,
    );
  });

  it('answers a repeat with 200 and exactly the first body, even when concurrent', async () => {
    const body = vente(1);
    const results = await Promise.all(Array.from({ length: 6 }, () => record(body)));
    expect(results.filter((r) => r.status === 201)).to.have.length(1);
    expect(results.filter((r) => r.status === 200)).to.have.length(5);
    for (const r of results) expect(r.body).to.deep.equal(results[0]?.body);
  });

  it('refuses the same commande with other content with 422 IDEMPOTENCY_MISMATCH', async () => {
    const body = vente(1);
    await record(body);
    const other = await record({ ...body, magasin_id: 2 });
    expect(other.status).to.equal(422);
    expect(other.body).to.have.nested.property('error.code', 'IDEMPOTENCY_MISMATCH');
  });

  it('refuses a total that does not match the lignes with 422 TOTAL_INCOHERENT', async () => {
    const res = await record(vente(1, { total_cents: 1 }));
    expect(res.status).to.equal(422);
    expect(res.body).to.have.nested.property('error.code', 'TOTAL_INCOHERENT');
  });

  it('refuses two lignes for the same produit, no lignes, or a bad commande id with 400', async () => {
    const twice = vente(1, {
      lignes: [
        { produit_id: 1, quantite: 1, prix_unitaire_cents: 100 },
        { produit_id: 1, quantite: 1, prix_unitaire_cents: 100 },
      ],
      total_cents: 200,
    });
    expect((await record(twice)).status).to.equal(400);
    expect((await record(vente(1, { lignes: [], total_cents: 0 }))).status).to.equal(400);
    expect((await record(vente(1, { commande_id: '42' }))).status).to.equal(400);
  });

  it('lists the ventes of one magasin, newest first', async () => {
    const first = await record(vente(77));
    const second = await record(vente(77));
    await record(vente(78));
    const res = await get<{ ventes: Vente[] }>(`${svc().url}/api/ventes?magasin_id=77`);
    expect(res.body.ventes.map((v) => v.id)).to.deep.equal([second.body.id, first.body.id]);
    expect(res.body.ventes[0]?.lignes).to.have.length(2);
  });

  it('answers 404 VENTE_INCONNUE for an unknown vente', async () => {
    const res = await get(`${svc().url}/api/ventes/987654`);
    expect(res.status).to.equal(404);
    expect(res.body).to.have.nested.property('error.code', 'VENTE_INCONNUE');
    expect((await get(`${svc().url}/api/ventes/commande/${randomUUID()}`)).status).to.equal(404);
  });
});
