import { expect } from 'chai';
import { checkout, etats } from '../support/checkout.js';
import { error, participants } from '../support/nock-participants.js';
import { useOrchestrateur } from '../support/orchestrateur.js';
import { failedAt } from '../support/saga-paths.js';

describe('POST /api/commande/checkout — business failures', () => {
  const orch = useOrchestrateur();

  it('when the cart is empty, ends ANNULEE with PANIER_VIDE and calls nothing else', async () => {
    const p = participants(11);
    p.lire_panier(200, { client_id: 11, lignes: [], total_cents: 0 });
    const res = await checkout(orch().url, 11);
    expect(res.status).to.equal(409);
    expect(res.commande.etat).to.equal('ANNULEE');
    expect(res.commande.echec).to.include({ etape: 'panier', code: 'PANIER_VIDE' });
    expect(etats(res.commande)).to.deep.equal(failedAt('panier'));
    expect(p.names()).to.deep.equal(['lire_panier']);
  });

  it('when the cart service does not know the client, ends ANNULEE with CLIENT_INCONNU', async () => {
    const p = participants(12);
    p.lire_panier(404, error('CLIENT_INCONNU', 'no such client'));
    const res = await checkout(orch().url, 12);
    expect(res.status).to.equal(409);
    expect(res.commande.echec).to.deep.equal({
      etape: 'panier',
      code: 'CLIENT_INCONNU',
      message: 'no such client',
    });
    expect(p.names()).to.deep.equal(['lire_panier']);
  });

  it('when stock is insufficient, ends ANNULEE without releasing stock never reserved', async () => {
    const p = participants(13);
    p.lire_panier();
    p.reserver_stock(409, () => error('STOCK_INSUFFISANT', 'only 1 left'));
    const res = await checkout(orch().url, 13);
    expect(res.status).to.equal(409);
    expect(res.commande.echec).to.include({ etape: 'stock', code: 'STOCK_INSUFFISANT' });
    expect(etats(res.commande)).to.deep.equal(failedAt('stock'));
    expect(p.names()).to.deep.equal(['lire_panier', 'reserver_stock']);
  });

  it('when payment is refused, releases the stock and ends ANNULEE', async () => {
    const p = participants(14);
    p.lire_panier();
    p.reserver_stock();
    p.payer(402, () => error('SOLDE_INSUFFISANT'));
    p.liberer_stock();
    const res = await checkout(orch().url, 14);
    expect(res.status).to.equal(409);
    expect(res.commande.echec).to.include({ etape: 'paiement', code: 'SOLDE_INSUFFISANT' });
    expect(etats(res.commande)).to.deep.equal(failedAt('paiement'));
    expect(p.names()).to.deep.equal(['lire_panier', 'reserver_stock', 'payer', 'liberer_stock']);
    expect(p.log[3]?.body).to.deep.equal({ commande_id: res.commande.id });
    expect(p.log[3]?.key).to.equal(`${res.commande.id}:liberer_stock`);
  });

  it('when the sale is rejected, refunds then releases the stock, in that order', async () => {
    const p = participants(15);
    p.lire_panier();
    p.reserver_stock();
    p.payer();
    p.enregistrer_vente(422, () => error('VENTE_INVALIDE'));
    p.rembourser();
    p.liberer_stock();
    const res = await checkout(orch().url, 15);
    expect(res.status).to.equal(409);
    expect(res.commande.etat).to.equal('ANNULEE');
    expect(res.commande.echec).to.include({ etape: 'vente', code: 'VENTE_INVALIDE' });
    expect(etats(res.commande)).to.deep.equal(failedAt('vente'));
    expect(p.names()).to.deep.equal([
      'lire_panier',
      'reserver_stock',
      'payer',
      'enregistrer_vente',
      'rembourser',
      'liberer_stock',
    ]);
    const annulee = res.commande.historique.at(-1);
    expect(annulee?.detail.compensations).to.deep.equal([
      { compensation: 'rembourser', tentatives: 1 },
      { compensation: 'liberer_stock', tentatives: 1 },
    ]);
  });

  it('a 4xx without the contract error body is no refusal: retried, then failed as technical', async () => {
    const p = participants(16);
    p.lire_panier();
    for (let i = 0; i < 4; i += 1) p.reserver_stock(404, () => 'not json');
    p.liberer_stock();
    const res = await checkout(orch().url, 16);
    expect(res.status).to.equal(502);
    expect(res.commande.echec).to.include({ etape: 'stock', code: 'HTTP_404' });
    expect(p.names()).to.deep.equal([
      'lire_panier',
      'reserver_stock',
      'reserver_stock',
      'reserver_stock',
      'reserver_stock',
      'liberer_stock',
    ]);
  });

  it('records the failure in the commandes row and every transition in etat_saga', async () => {
    const p = participants(17);
    p.lire_panier();
    p.reserver_stock(409, () => error('STOCK_INSUFFISANT'));
    const res = await checkout(orch().url, 17);
    const { rows } = await orch().db.raw<{ rows: Record<string, unknown>[] }>(
      `SELECT etat_actuel, echec_etape, echec_code, echec_type, version,
              (SELECT count(*)::int FROM etat_saga s WHERE s.commande_id = c.id) AS transitions
       FROM commandes c WHERE id = ?`,
      [res.commande.id],
    );
    expect(rows[0]).to.deep.equal({
      etat_actuel: 'ANNULEE',
      echec_etape: 'stock',
      echec_code: 'STOCK_INSUFFISANT',
      echec_type: 'METIER',
      version: 4,
      transitions: 4,
    });
  });
});
