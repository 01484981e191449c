import { expect } from 'chai';
import nock from 'nock';
import { checkout, etats } from '../support/checkout.js';
import { TOTAL, error, participants } from '../support/nock-participants.js';
import { call, useOrchestrateur } from '../support/orchestrateur.js';

describe('POST /api/commande/checkout — transient failures and retries', () => {
  const orch = useOrchestrateur();
  const leaseOf = async (id: string) =>
    (
      await orch().db.raw<{ rows: { lease_owner: string | null; expired: boolean }[] }>(
        'SELECT lease_owner, lease_until <= now() AS expired FROM commandes WHERE id = ?',
        [id],
      )
    ).rows[0];

  it('retries a 503 with the same body and idempotency key, then carries on', async () => {
    const p = participants(21);
    p.lire_panier();
    p.reserver_stock(503, () => error('BUSY'));
    p.reserver_stock(502, () => 'bad gateway');
    p.reserver_stock();
    p.payer();
    p.enregistrer_vente();
    p.vider_panier();
    const res = await checkout(orch().url, 21);
    expect(res.status).to.equal(201);
    const reservations = p.log.filter((l) => l.what === 'reserver_stock');
    expect(reservations).to.have.length(3);
    expect(new Set(reservations.map((r) => r.key))).to.deep.equal(
      new Set([`${res.commande.id}:stock`]),
    );
    expect(new Set(reservations.map((r) => JSON.stringify(r.body))).size).to.equal(1);
    expect(res.commande.historique[2]?.detail).to.include({ etape: 'stock', tentatives: 3 });
  });

  it('retries a call that timed out', async () => {
    const p = participants(22);
    const slow = nock('http://panier.test').get('/api/panier/22').delay(1500).reply(200, {});
    p.lire_panier();
    p.reserver_stock();
    p.payer();
    p.enregistrer_vente();
    p.vider_panier();
    const res = await checkout(orch().url, 22);
    expect(res.status).to.equal(201);
    expect(slow.isDone(), 'first attempt made').to.equal(true); // and timed out at 1000 ms
    expect(p.names().filter((n) => n === 'lire_panier')).to.have.length(1);
  });

  it('retries a dropped connection', async () => {
    const p = participants(23);
    p.lire_panier();
    nock('http://stock.test').post('/api/stock/reserver').replyWithError({ code: 'ECONNRESET' });
    p.reserver_stock();
    p.payer();
    p.enregistrer_vente();
    p.vider_panier();
    const res = await checkout(orch().url, 23);
    expect(res.status).to.equal(201);
    expect(etats(res.commande).at(-1)).to.equal('CONFIRMEE');
  });

  it('when the answer is lost after the payment was taken, the retry is the same payment', async () => {
    const p = participants(24);
    p.lire_panier();
    p.reserver_stock();
    // The service takes the money, then the connection drops before the answer.
    let charged = 0;
    nock('http://client.test')
      .post('/api/clients/24/payer')
      .reply(() => {
        charged += 1;
        return [599, ''];
      })
      .post('/api/clients/24/payer')
      .reply(function (_uri, body) {
        // Same key: the service answers the first outcome (200 on a repeat).
        expect(this.req.headers['idempotency-key']).to.match(/:paiement$/);
        return [
          200,
          {
            commande_id: (body as { commande_id: string }).commande_id,
            etat: 'EFFECTUE',
            montant_cents: TOTAL,
          },
        ];
      });
    p.enregistrer_vente();
    p.vider_panier();
    const res = await checkout(orch().url, 24);
    expect(res.status).to.equal(201);
    expect(charged).to.equal(1);
  });

  it('when a service keeps failing, compensates every step that may have happened and answers 502', async () => {
    const p = participants(25);
    p.lire_panier();
    p.reserver_stock();
    for (let i = 0; i < 4; i += 1) p.payer(503, () => error('DOWN'));
    p.rembourser();
    p.liberer_stock();
    const res = await checkout(orch().url, 25);
    expect(res.status).to.equal(502);
    expect(res.commande.etat).to.equal('ANNULEE');
    expect(res.commande.echec).to.include({ etape: 'paiement', code: 'HTTP_503' });
    // The payment's effect is unknown: it is refunded (a null compensation if it never happened).
    expect(p.names()).to.deep.equal([
      'lire_panier',
      'reserver_stock',
      'payer',
      'payer',
      'payer',
      'payer',
      'rembourser',
      'liberer_stock',
    ]);
  });

  it('a refusal after an attempt with unknown outcome still compensates that step (no hanging reservation)', async () => {
    const p = participants(31);
    p.lire_panier();
    p.reserver_stock(503); // may still be applied later by the stock service
    p.reserver_stock(409, () => error('STOCK_INSUFFISANT'));
    p.liberer_stock(); // null compensation: a tombstone that refuses the late attempt
    const res = await checkout(orch().url, 31);
    expect(res.status).to.equal(409);
    expect(res.commande.echec).to.include({ etape: 'stock', code: 'STOCK_INSUFFISANT' });
    expect(p.names()).to.deep.equal([
      'lire_panier',
      'reserver_stock',
      'reserver_stock',
      'liberer_stock',
    ]);
  });

  it('a malformed 2xx fails the step without retry and compensates it as unknown', async () => {
    const p = participants(26);
    p.lire_panier();
    p.reserver_stock(201, () => ({ ok: true }));
    p.liberer_stock();
    const res = await checkout(orch().url, 26);
    expect(res.status).to.equal(502);
    expect(res.commande.echec).to.include({ etape: 'stock', code: 'REPONSE_INVALIDE' });
    expect(p.names()).to.deep.equal(['lire_panier', 'reserver_stock', 'liberer_stock']);
  });

  it('a cart whose total does not match its lines is refused as malformed', async () => {
    const p = participants(27);
    p.lire_panier(200, {
      client_id: 27,
      lignes: [{ produit_id: 1, quantite: 2, prix_unitaire_cents: 100 }],
      total_cents: 1,
    });
    const res = await checkout(orch().url, 27);
    expect(res.status).to.equal(502);
    expect(res.commande.echec).to.include({ etape: 'panier', code: 'REPONSE_INVALIDE' });
  });

  it('a compensation that fails several times is retried until it succeeds', async () => {
    const p = participants(28);
    p.lire_panier();
    p.reserver_stock();
    p.payer(402, () => error('SOLDE_INSUFFISANT'));
    p.liberer_stock(503);
    p.liberer_stock(500);
    p.liberer_stock();
    const res = await checkout(orch().url, 28);
    expect(res.status).to.equal(409);
    expect(res.commande.etat).to.equal('ANNULEE');
    expect(res.commande.historique.at(-1)?.detail.compensations).to.deep.equal([
      { compensation: 'liberer_stock', tentatives: 3 },
    ]);
  });

  it('the sale (pivot) is retried until it gives a definite answer, never compensated blindly', async () => {
    const p = participants(29);
    p.lire_panier();
    p.reserver_stock();
    p.payer();
    for (let i = 0; i < 6; i += 1) p.enregistrer_vente(503); // more than SAGA_STEP_RETRIES
    p.enregistrer_vente();
    p.vider_panier(500);
    p.vider_panier();
    const res = await checkout(orch().url, 29);
    expect(res.status).to.equal(201);
    expect(p.names().filter((n) => n === 'enregistrer_vente')).to.have.length(7);
    expect(p.names()).to.not.include('rembourser');
  });

  it('past its retry budget a compensation parks the saga in COMPENSATION_ECHOUEE until an operator resumes it', async () => {
    const p = participants(30);
    p.lire_panier();
    p.reserver_stock();
    p.payer(402, () => error('SOLDE_INSUFFISANT'));
    for (let i = 0; i < 5; i += 1) p.liberer_stock(503); // 1 + SAGA_COMPENSATION_RETRIES (4)
    const res = await checkout(orch().url, 30);
    expect(res.status).to.equal(502);
    expect(res.commande.etat).to.equal('COMPENSATION_ECHOUEE');
    expect(res.commande.historique.at(-1)?.detail).to.include({
      compensation: 'liberer_stock',
      tentatives: 5,
    });
    // Nobody drives a parked saga: its lease is given back (no lease held for an operator).
    expect(await leaseOf(res.commande.id)).to.deep.equal({ lease_owner: null, expired: true });
    const path = `/api/commande/${res.commande.id}/reprendre`;

    p.liberer_stock();
    const resumed = await call(orch().url, 'POST', path);
    expect(resumed.status).to.equal(200);
    const body = resumed.body as { etat: string; historique: { etat: string }[] };
    expect(body.etat).to.equal('ANNULEE');
    expect(body.historique.map((h) => h.etat).slice(-4)).to.deep.equal([
      'ECHEC_PAIEMENT',
      'COMPENSATION_ECHOUEE',
      'ECHEC_PAIEMENT',
      'ANNULEE',
    ]);
    const again = await call(orch().url, 'POST', path);
    expect(again.status).to.equal(409);
    expect(await leaseOf(res.commande.id)).to.deep.equal({ lease_owner: null, expired: true });
  });
});
