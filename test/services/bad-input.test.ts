import { expect } from 'chai';
import { type ApiResponse, get, post, put } from '../contract/http.js';
import {
  startTestClient,
  startTestMagasin,
  startTestProduits,
  type TestServices,
} from './support/services.js';

type Urls = Record<'produits' | 'magasin' | 'client', string>;

/** Text PostgreSQL cannot store (a NUL) must be refused as bad input, never reach the database. */
const cases: { what: string; send: (u: Urls) => Promise<ApiResponse> }[] = [
  {
    what: 'POST /api/produits',
    send: (u) =>
      post(`${u.produits}/api/produits`, { nom: 'a\u0000', categorie: 'c', prix_cents: 1 }),
  },
  {
    what: 'PUT /api/produits/:id',
    send: (u) => put(`${u.produits}/api/produits/1`, { nom: 'a\u0000' }),
  },
  {
    what: 'GET /api/produits?categorie=',
    send: (u) => get(`${u.produits}/api/produits?categorie=a%00`),
  },
  {
    what: 'POST /api/magasins',
    send: (u) => post(`${u.magasin}/api/magasins`, { nom: 'a', ville: 'v\u0000' }),
  },
  {
    what: 'POST /api/clients',
    send: (u) => post(`${u.client}/api/clients`, { nom: 'a\u0000', email: 'nul@example.test' }),
  },
];

describe('text with a NUL character', () => {
  let services: Pick<TestServices, 'produits' | 'magasin' | 'client'>;
  let urls: Urls;

  before(async () => {
    const [produits, magasin, client] = await Promise.all([
      startTestProduits(),
      startTestMagasin(),
      startTestClient(),
    ]);
    services = { produits, magasin, client };
    urls = { produits: produits.url, magasin: magasin.url, client: client.url };
  });
  after(async () => {
    await Promise.all(Object.values(services ?? {}).map((s) => s.close()));
  });

  for (const c of cases) {
    it(`${c.what} answers 400 VALIDATION_ERROR`, async () => {
      const res = await c.send(urls);
      expect(res.status, JSON.stringify(res.body)).to.equal(400);
      expect(res.body).to.have.nested.property('error.code', 'VALIDATION_ERROR');
    });
  }
});
