import { expect } from 'chai';
import got from 'got';
import { loadProduitsConfig } from '../../src/services/produits/config.js';
import { get, post, put } from '../contract/http.js';
import { serviceForSuite, startTestProduits } from './support/services.js';

type Produit = {
  id: number;
  nom: string;
  categorie: string;
  prix_cents: number;
  description: string;
};
type Entree = {
  action: string;
  auteur: string;
  avant: Record<string, unknown> | null;
  apres: Record<string, unknown>;
};

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

  it('keeps a description (empty by default, several lines allowed, control characters refused)', async () => {
    const plain = await create({ nom: 'Sel', categorie: 'epicerie', prix_cents: 150 });
    expect(plain.body.description).to.equal('');
    const described = await create({
      nom: 'Poivre',
      categorie: 'epicerie',
      prix_cents: 390,
      description: 'Grains noirs.\nOrigine : Kampot.',
    });
    expect(described.status).to.equal(201);
    expect(described.body.description).to.equal('Grains noirs.\nOrigine : Kampot.');
    const bad = await create({ nom: 'X', categorie: 'c', prix_cents: 1, description: 'a\u0007b' });
    expect(bad.status).to.equal(400);
    expect(bad.body).to.have.nested.property('error.message').that.contains('description');
    const long = await create({
      nom: 'X',
      categorie: 'c',
      prix_cents: 1,
      description: 'x'.repeat(2001),
    });
    expect(long.status).to.equal(400);
  });

  it('searches the name and the category, whatever the case, % and _ taken literally', async () => {
    const tag = `cherche${Date.now()}`;
    await create({ nom: `Confiture ${tag} 50%`, categorie: 'epicerie', prix_cents: 450 });
    await create({ nom: 'Marmelade', categorie: `${tag}_cat`, prix_cents: 470 });
    await create({ nom: `Gelée ${tag}`, categorie: 'epicerie', prix_cents: 480 });
    const search = async (q: string): Promise<string[]> =>
      (
        await get<{ produits: Produit[] }>(`${svc().url}/api/produits?q=${encodeURIComponent(q)}`)
      ).body.produits.map((p) => p.nom);
    expect(await search(tag.toUpperCase())).to.have.length(3);
    expect(await search(`${tag} 50%`)).to.deep.equal([`Confiture ${tag} 50%`]);
    expect(await search(`${tag}_`)).to.deep.equal(['Marmelade']);
    expect(await search('%'))
      .to.include(`Confiture ${tag} 50%`)
      .and.not.include('Marmelade');
    expect((await get(`${svc().url}/api/produits?q=`)).status).to.equal(400);
  });

  it('records the creation and each change with who and the fields before and after; a no-op change records nothing', async () => {
    const { body } = await create({ nom: 'Miel', categorie: 'epicerie', prix_cents: 899 });
    await put(`${svc().url}/api/produits/${body.id}`, { prix_cents: 949, nom: 'Miel' });
    await put(`${svc().url}/api/produits/${body.id}`, { prix_cents: 949 });
    await put(`${svc().url}/api/produits/${body.id}`, { description: 'Toutes fleurs' });
    const res = await get<{ id: number; historique: Entree[] }>(
      `${svc().url}/api/produits/${body.id}/historique`,
    );
    expect(res.status).to.equal(200);
    expect(res.body.historique.map((e) => [e.action, e.avant, e.apres])).to.deep.equal([
      ['modification', { description: '' }, { description: 'Toutes fleurs' }],
      ['modification', { prix_cents: 899 }, { prix_cents: 949 }],
      ['creation', null, { nom: 'Miel', categorie: 'epicerie', prix_cents: 899, description: '' }],
    ]);
    expect(res.body.historique.every((e) => e.auteur === 'anonyme')).to.equal(true);
    const page = await get<{ historique: Entree[] }>(
      `${svc().url}/api/produits/${body.id}/historique?limit=1&offset=1`,
    );
    expect(page.body.historique.map((e) => e.apres)).to.deep.equal([{ prix_cents: 949 }]);
    const unknown = await get(`${svc().url}/api/produits/999999/historique`);
    expect(unknown.status).to.equal(404);
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
