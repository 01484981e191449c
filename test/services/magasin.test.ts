import { expect } from 'chai';
import { get, post } from '../contract/http.js';
import { serviceForSuite, startTestMagasin } from './support/services.js';

type Magasin = { id: number; nom: string; ville: string };

describe('magasin service', () => {
  const svc = serviceForSuite(startTestMagasin);

  it('creates magasins, lists them in id order and returns one by id', async () => {
    const a = await post<Magasin>(`${svc().url}/api/magasins`, { nom: 'Centre', ville: 'Paris' });
    const b = await post<Magasin>(`${svc().url}/api/magasins`, { nom: 'Port', ville: 'Marseille' });
    expect(a.status).to.equal(201);
    expect(a.headers.location).to.equal(`/api/magasins/${a.body.id}`);
    const list = await get<{ magasins: Magasin[] }>(`${svc().url}/api/magasins`);
    expect(list.body.magasins.map((m) => m.id)).to.include.ordered.members([a.body.id, b.body.id]);
    const one = await get<Magasin>(`${svc().url}/api/magasins/${b.body.id}`);
    expect(one.body).to.include({ nom: 'Port', ville: 'Marseille' });
  });

  it('answers 404 MAGASIN_INCONNU for an unknown magasin', async () => {
    const res = await get(`${svc().url}/api/magasins/424242`);
    expect(res.status).to.equal(404);
    expect(res.body).to.have.nested.property('error.code', 'MAGASIN_INCONNU');
  });

  it('refuses a magasin without a ville with 400', async () => {
    const res = await post(`${svc().url}/api/magasins`, { nom: 'Sans ville' });
    expect(res.status).to.equal(400);
    expect(res.body).to.have.nested.property('error.message').that.contains('ville');
  });

  it('refuses a request without a body with 400', async () => {
    const res = await post(`${svc().url}/api/magasins`);
    expect(res.status).to.equal(400);
  });
});
