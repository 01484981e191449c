import { expect } from 'chai';
import { LIGNES, TOTAL, keyFor, participants } from '../support/nock-participants.js';
import type { CommandeBody } from '../support/checkout.js';
import { call, useOrchestrateur } from '../support/orchestrateur.js';
import { forwardPath } from '../support/saga-paths.js';

/** The value of one series on /metrics: `name{a="x",b="y"}` matches whatever the label order. */
async function metric(base: string, series: string): Promise<number> {
  const text = (await call(base, 'GET', '/metrics')).text;
  const [name = '', labels = ''] = series.replace('}', '').split('{');
  const wanted = labels.split(',').filter(Boolean);
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('POST /api/commande/checkout — happy path', () => {
  const orch = useOrchestrateur();

  it('calls the four services in order and answers 201 CONFIRMEE with the full history', async () => {
    const p = participants(7);
    const scopes = [
      p.lire_panier(),
      p.reserver_stock(),
      p.payer(),
      p.enregistrer_vente(),
      p.vider_panier(),
    ];
    const before = await metric(orch().url, 'commande_etat_total{etat="CONFIRMEE"}');
    const created = await metric(orch().url, 'commande_etat_total{etat="INITIEE"}');

    const res = await call(orch().url, 'POST', '/api/commande/checkout', {
      json: { client_id: 7, magasin_id: 2 },
    });

    expect(res.status).to.equal(201);
    const body = res.body as CommandeBody;
    expect(res.headers.location).to.equal(`/api/commande/${body.id}`);
    expect(body.etat).to.equal('CONFIRMEE');
    expect(body.total_cents).to.equal(TOTAL);
    expect(body.echec).to.equal(null);
    expect(body.historique.map((h) => h.etat)).to.deep.equal(forwardPath());
    for (const s of scopes) expect(s.isDone()).to.equal(true);
    expect(p.names()).to.deep.equal([
      'lire_panier',
      'reserver_stock',
      'payer',
      'enregistrer_vente',
      'vider_panier',
    ]);
    const [, reserver, payer, vente, vider] = p.log;
    expect(reserver?.body).to.deep.equal({
      commande_id: body.id,
      magasin_id: 2,
      lignes: LIGNES.map(({ produit_id, quantite }) => ({ produit_id, quantite })),
    });
    expect(reserver?.key).to.equal(`${body.id}:stock`);
    expect(payer?.body).to.deep.equal({ commande_id: body.id, montant_cents: TOTAL });
    expect(payer?.key).to.match(keyFor('paiement'));
    expect(vente?.body).to.deep.equal({
      commande_id: body.id,
      client_id: 7,
      magasin_id: 2,
      lignes: LIGNES,
      total_cents: TOTAL,
    });
    expect(vider?.body).to.deep.equal({ commande_id: body.id, lignes: LIGNES });

    const rows = await orch().db.raw<{ rows: { etat_actuel: string; total_cents: number }[] }>(
      'SELECT etat_actuel, total_cents FROM commandes WHERE id = ?',
      [body.id],
    );
    expect(rows.rows).to.deep.equal([{ etat_actuel: 'CONFIRMEE', total_cents: TOTAL }]);
    expect(await metric(orch().url, 'commande_etat_total{etat="CONFIRMEE"}')).to.equal(before + 1);
    expect(await metric(orch().url, 'commande_etat_total{etat="INITIEE"}')).to.equal(created + 1);
    expect(
      await metric(orch().url, 'saga_duration_seconds_count{etat_final="CONFIRMEE"}'),
    ).to.be.greaterThan(0);
    expect(
      await metric(orch().url, 'saga_step_duration_seconds_count{step="vente",outcome="success"}'),
    ).to.be.greaterThan(0);
    const get = await call(orch().url, 'GET', `/api/commande/${body.id}`);
    expect(get.status).to.equal(200);
    expect((get.body as CommandeBody).historique.map((h) => h.etat)).to.deep.equal(
      body.historique.map((h) => h.etat),
    );
  });
});

describe('POST /api/commande/checkout — a cart that lists a produit twice', () => {
  const orch = useOrchestrateur();

  it('merges its lines once, in the saga: every participant gets one line per produit', async () => {
    const p = participants(8);
    const [l1, l3] = LIGNES as [(typeof LIGNES)[0], (typeof LIGNES)[0]];
    const split = [{ ...l1, quantite: 1 }, l3, { ...l1, quantite: 1 }];
    p.lire_panier(200, { client_id: 8, lignes: split, total_cents: TOTAL });
    p.reserver_stock();
    p.payer();
    p.enregistrer_vente();
    p.vider_panier();
    const res = await call(orch().url, 'POST', '/api/commande/checkout', {
      json: { client_id: 8, magasin_id: 1 },
    });
    expect(res.status, res.text).to.equal(201);
    const [, reserver, , vente, vider] = p.log;
    const merged = [l1, l3];
    expect((reserver?.body as { lignes: unknown }).lignes).to.deep.equal(
      merged.map(({ produit_id, quantite }) => ({ produit_id, quantite })),
    );
    expect((vente?.body as { lignes: unknown }).lignes).to.deep.equal(merged);
    expect((vider?.body as { lignes: unknown }).lignes).to.deep.equal(merged);
  });

  it('refuses a cart that prices one produit two ways (an answer it cannot trust)', async () => {
    const p = participants(9);
    const [l1] = LIGNES as [(typeof LIGNES)[0]];
    const lignes = [l1, { ...l1, prix_unitaire_cents: l1.prix_unitaire_cents + 1 }];
    const total = lignes.reduce((s, l) => s + l.quantite * l.prix_unitaire_cents, 0);
    p.lire_panier(200, { client_id: 9, lignes, total_cents: total });
    const res = await call(orch().url, 'POST', '/api/commande/checkout', {
      json: { client_id: 9, magasin_id: 1 },
    });
    expect(res.status).to.equal(502);
    expect((res.body as { echec: unknown }).echec).to.include({
      etape: 'panier',
      code: 'REPONSE_INVALIDE',
    });
  });
});
