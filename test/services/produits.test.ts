import { expect } from 'chai';
import got from 'got';
import { loadProduitsConfig } from '../../src/services/produits/config.js';
import { get, post, put } from '../contract/http.js';
import { serviceForSuite, startTestProduits } from './support/services.js';

type Produit = { id: number; nom: string; categorie: string; prix_cents: number };

describe('produits service', () => {
  const svc = serviceForSuite(startTestProduits);
  const create = (body: Record<string, unknown>) =>
    post<Produit>(`${svc().url}/api/produits`, body);

  it('creates a produit with 201 and a Location, then returns it by id', async () => {
    const res = await create({ nom: 'Café', categorie: 'epicerie', prix_cents: 499 });
    expect(res.status).to.equal(201);
    expect(res.headers.location).to.equal(`/api/produits/${res.body.id}`);
    const found = await get<Produit>(`${svc().url}/api/produits/${res.body.id}`);
    expect(found.status).to.equal(200);
    expect(found.body).to.include({ nom: 'Café', categorie: 'epicerie', prix_cents: 499 });
  });

  it('lists produits, filtered by categorie', async () => {
    await create({ nom: 'Tasse', categorie: 'vaisselle-test', prix_cents: 1299 });
    await create({ nom: 'Bol', categorie: 'vaisselle-test', prix_cents: 899 });
    const res = await get<{ produits: Produit[] }>(
      `${svc().url}/api/produits?categorie=vaisselle-test`,
    );
    expect(res.status).to.equal(200);
    expect(res.body.produits.map((p) => p.nom)).to.deep.equal(['Tasse', 'Bol']);
  });

  it('changes only the fields given on update', async () => {
    const { body } = await create({ nom: 'Thé', categorie: 'epicerie', prix_cents: 349 });
    const res = await got.patch(`${svc().url}/api/produits/${body.id}`, {
      json: { prix_cents: 399 },
      responseType: 'json',
    });
    expect(res.statusCode).to.equal(200);
    expect(res.body).to.include({ nom: 'Thé', categorie: 'epicerie', prix_cents: 399 });
    const viaPut = await put<Produit>(`${svc().url}/api/produits/${body.id}`, { nom: 'Thé vert' });
    expect(viaPut.body).to.include({ nom: 'Thé vert', prix_cents: 399 });
  });

  it('answers 404 PRODUIT_INCONNU for an unknown id, on read and on update', async () => {
    const read = await get(`${svc().url}/api/produits/999999`);
    expect(read.status).to.equal(404);
    expect(read.body).to.deep.include({
      error: { code: 'PRODUIT_INCONNU', message: 'Produit 999999 does not exist' },
    });
    const update = await put(`${svc().url}/api/produits/999999`, { prix_cents: 1 });
    expect(update.status).to.equal(404);
  });

  it('refuses a negative price, a missing name or an empty update with 400 VALIDATION_ERROR', async () => {
    for (const body of [
      { nom: 'X', categorie: 'c', prix_cents: -1 },
      { categorie: 'c', prix_cents: 1 },
      { nom: 'X', categorie: 'c', prix_cents: 1.5 },
    ]) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(res.body).to.have.nested.property('error.code', 'VALIDATION_ERROR');
    }
    const { body } = await create({ nom: 'Y', categorie: 'c', prix_cents: 1 });
    expect((await put(`${svc().url}/api/produits/${body.id}`, {})).status).to.equal(400);
    expect((await get(`${svc().url}/api/produits/abc`)).status).to.equal(400);
  });

  it('answers 400 MALFORMED_JSON to a body that is not JSON', async () => {
    const res = await got.post(`${svc().url}/api/produits`, {
      body: '{"nom":',
      headers: { 'content-type': 'application/json' },
      throwHttpErrors: false,
      responseType: 'json',
    });
    expect(res.statusCode).to.equal(400);
    expect(res.body).to.have.nested.property('error.code', 'MALFORMED_JSON');
  });

  it('echoes the caller X-Request-Id and serves health, readiness and metrics', async () => {
    const res = await got(`${svc().url}/api/produits`, { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).to.equal('abc-123');
    expect((await get(`${svc().url}/health`)).status).to.equal(200);
    expect((await get(`${svc().url}/ready`)).status).to.equal(200);
    const metrics = await got(`${svc().url}/metrics`);
    expect(metrics.body).to.contain('http_request_duration_seconds');
  });

  it('answers 404 NOT_FOUND on an unknown route', async () => {
    const res = await get(`${svc().url}/api/nope`);
    expect(res.status).to.equal(404);
    expect(res.body).to.have.nested.property('error.code', 'NOT_FOUND');
  });

  it('refuses to start without a DATABASE_URL', () => {
    expect(() => loadProduitsConfig({ PORT: '0' })).to.throw(/DATABASE_URL/);
  });
});
