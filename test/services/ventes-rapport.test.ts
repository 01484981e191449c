import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { get, post } from '../contract/http.js';
import { expectDocumented } from './support/openapi.js';
import { serviceForSuite, startTestVentes } from './support/services.js';

interface Rapport {
  filtre: { magasin_id: number | null; du: string | null; au: string | null };
  total_cents: number;
  nombre_ventes: number;
  articles_vendus: number;
  meilleurs_produits: { produit_id: number; quantite: number; total_cents: number }[];
  par_magasin: { magasin_id: number; nombre_ventes: number; total_cents: number }[];
  par_jour: { jour: string; nombre_ventes: number; total_cents: number }[];
}

type Ligne = [produit_id: number, quantite: number, prix_unitaire_cents: number];

// Two magasins of this suite only, sales on three UTC days of March 2030 (one on each side
// of a midnight), and one in 2031 that no period below reaches but "no filter" does.
const M1 = 7101;
const M2 = 7102;
const sale = (magasin: number, at: string, ...lignes: Ligne[]) => ({ magasin, at, lignes });
const SALES = [
  sale(M1, '2030-03-01T10:00:00Z', [1, 2, 499], [3, 1, 1299]), // 2297
  sale(M1, '2030-03-01T23:59:59.999Z', [1, 1, 499]), // 499
  sale(M2, '2030-03-02T00:00:00Z', [2, 5, 349]), // 1745
  sale(M2, '2030-03-04T12:00:00Z', [3, 3, 1299], [1, 1, 499]), // 4396
  sale(M1, '2031-06-15T08:00:00Z', [4, 1, 3999]), // 3999
];

describe('GET /api/ventes/rapport', () => {
  const svc = serviceForSuite(startTestVentes);
  // Every answer is also checked against docs/openapi/services.yaml.
  const rapport = async (query: string) => {
    const url = `${svc().url}/api/ventes/rapport?${query}`;
    const res = await get<Rapport>(url);
    expectDocumented('GET', url, res);
    return res;
  };

  before(async () => {
    for (const sale of SALES) {
      const lignes = sale.lignes.map(([produit_id, quantite, prix_unitaire_cents]) => ({
        produit_id,
        quantite,
        prix_unitaire_cents,
      }));
      const total_cents = lignes.reduce((t, l) => t + l.quantite * l.prix_unitaire_cents, 0);
      const body = { commande_id: randomUUID(), client_id: 1, magasin_id: sale.magasin };
      const res = await post<{ id: number }>(`${svc().url}/api/ventes`, {
        ...body,
        lignes,
        total_cents,
      });
      expect(res.status).to.equal(201);
      // A sale is stamped now(); move it to the instant this fixture needs.
      await svc().db.raw('UPDATE ventes SET created_at = :at WHERE id = :id', {
        at: sale.at,
        id: res.body.id,
      });
    }
  });

  it('sums every vente of a period, with the best produits, per magasin and per UTC day', async () => {
    const res = await rapport('du=2030-03-01&au=2030-03-31');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({
      filtre: { magasin_id: null, du: '2030-03-01', au: '2030-03-31' },
      total_cents: 2297 + 499 + 1745 + 4396,
      nombre_ventes: 4,
      articles_vendus: 2 + 1 + 1 + 5 + 3 + 1,
      meilleurs_produits: [
        { produit_id: 2, quantite: 5, total_cents: 1745 },
        { produit_id: 3, quantite: 4, total_cents: 4 * 1299 },
        { produit_id: 1, quantite: 4, total_cents: 4 * 499 },
      ],
      par_magasin: [
        { magasin_id: M1, nombre_ventes: 2, total_cents: 2297 + 499 },
        { magasin_id: M2, nombre_ventes: 2, total_cents: 1745 + 4396 },
      ],
      par_jour: [
        { jour: '2030-03-01', nombre_ventes: 2, total_cents: 2297 + 499 },
        { jour: '2030-03-02', nombre_ventes: 1, total_cents: 1745 },
        { jour: '2030-03-04', nombre_ventes: 1, total_cents: 4396 },
      ],
    });
  });

  it('filters by magasin, and takes du and au as whole UTC days, both included', async () => {
    const m2 = await rapport(`magasin_id=${M2}&du=2030-03-02&au=2030-03-02`);
    expect(m2.body.filtre).to.deep.equal({ magasin_id: M2, du: '2030-03-02', au: '2030-03-02' });
    expect(m2.body.nombre_ventes).to.equal(1);
    expect(m2.body.total_cents).to.equal(1745);
    expect(m2.body.par_magasin).to.deep.equal([
      { magasin_id: M2, nombre_ventes: 1, total_cents: 1745 },
    ]);
    // 23:59:59.999 is still the 1st; midnight is the 2nd.
    const first = await rapport('au=2030-03-01');
    expect(first.body.filtre).to.deep.equal({ magasin_id: null, du: null, au: '2030-03-01' });
    expect(first.body.total_cents).to.equal(2297 + 499);
    const fromSecond = await rapport('du=2030-03-02');
    expect(fromSecond.body.total_cents).to.equal(1745 + 4396 + 3999);
  });

  it('without a filter covers every vente; one magasin alone covers all its days', async () => {
    const all = await rapport('');
    expect(all.body.filtre).to.deep.equal({ magasin_id: null, du: null, au: null });
    expect(all.body.nombre_ventes).to.equal(SALES.length);
    expect(all.body.total_cents).to.equal(2297 + 499 + 1745 + 4396 + 3999);
    const m1 = await rapport(`magasin_id=${M1}`);
    expect(m1.body.par_jour.map((j) => j.jour)).to.deep.equal(['2030-03-01', '2031-06-15']);
    expect(m1.body.articles_vendus).to.equal(2 + 1 + 1 + 1);
  });

  it('keeps the top N produits by quantity, then by amount on a tie', async () => {
    const res = await rapport('du=2030-03-01&au=2030-03-31&top=2');
    expect(res.body.meilleurs_produits.map((p) => p.produit_id)).to.deep.equal([2, 3]);
    // top bounds only that list: the totals still count every produit.
    expect(res.body.articles_vendus).to.equal(13);
  });

  it('answers zeros and empty lists for a period without ventes', async () => {
    const res = await rapport(`magasin_id=${M2}&du=2029-01-01&au=2029-12-31`);
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({
      filtre: { magasin_id: M2, du: '2029-01-01', au: '2029-12-31' },
      total_cents: 0,
      nombre_ventes: 0,
      articles_vendus: 0,
      meilleurs_produits: [],
      par_magasin: [],
      par_jour: [],
    });
  });

  for (const [query, why] of [
    ['du=2030-02-30', 'a day that does not exist'],
    ['au=2030-13-01', 'a month that does not exist'],
    ['du=2030-3-1', 'not YYYY-MM-DD'],
    ['du=2030-03-01T00:00:00Z', 'an instant, not a day'],
    ['du=0000-01-01', 'year 0'],
    ['du=2030-03-02&au=2030-03-01', 'du after au'],
    ['top=0', 'top below 1'],
    ['top=51', 'top above 50'],
    ['top=deux', 'top not a number'],
    ['magasin_id=0', 'magasin_id not positive'],
    ['du=2030-03-01&du=2030-03-02', 'du twice'],
    ['jour=2030-03-01', 'an unknown parameter'],
  ] as const) {
    it(`refuses ${why} with 400 VALIDATION_ERROR`, async () => {
      const res = await rapport(query);
      expect(res.status, JSON.stringify(res.body)).to.equal(400);
      expect(res.body).to.have.nested.property('error.code', 'VALIDATION_ERROR');
    });
  }

  it('still serves a vente by id (the report route does not take the id routes)', async () => {
    const res = await get(`${svc().url}/api/ventes/1`);
    expect(res.status).to.equal(200);
    expect((await get(`${svc().url}/api/ventes/rapport/1`)).status).to.equal(404);
  });
});
