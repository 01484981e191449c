import { expect } from 'chai';
import type { Commande } from '../../src/orchestrateur/checkout/commande.js';
import { toSummary, toView } from '../../src/orchestrateur/routes/commande-view.js';

const at = new Date('2026-12-04T12:00:00.000Z');

function commande(echec: Commande['echec']): Commande {
  return {
    id: '6f0c1d2e-0000-4000-8000-000000000001',
    definition: { nom: 'commande', version: '9b66d651cd52' },
    etat: 'ANNULEE',
    data: { client_id: 1, magasin_id: 1, lignes: [], total_cents: 999 },
    echec,
    suspension: null,
    version: 5,
    created_at: at,
    updated_at: at,
    historique: [
      {
        etat: 'ECHEC_PAIEMENT',
        at,
        detail: { operateur: 'annuler', par: 'olga', motif: 'fraude suspectée' },
      },
    ],
    actions: [
      { action: 'annuler', par: 'olga', motif: 'fraude suspectée', etat: 'STOCK_RESERVE', at },
    ],
  };
}

/** What the API shows of a commande, to its client and to an operator. */
describe('the commande as the API shows it', () => {
  const cancelled = commande({
    etape: 'paiement',
    code: 'ANNULEE_PAR_OPERATEUR',
    message: 'fraude suspectée',
    type: 'METIER',
    incertain: true,
  });

  it("keeps an operator's motif, name and actions from the client", () => {
    const view = toView(cancelled, 'client');
    expect(view.echec).to.deep.equal({
      etape: 'paiement',
      code: 'ANNULEE_PAR_OPERATEUR',
      message: 'Cancelled by our team; nothing stays charged or reserved.',
    });
    expect(view.historique[0]?.detail).to.deep.equal({ operateur: 'annuler' });
    expect(view.actions_operateur).to.deep.equal([]);
    expect(toSummary(cancelled, 'client').derniere_action).to.equal(null);
  });

  it('shows the operator everything', () => {
    const view = toView(cancelled, 'operateur');
    expect(view.echec?.message).to.equal('fraude suspectée');
    expect(view.actions_operateur).to.have.length(1);
    expect(toSummary(cancelled, 'operateur').derniere_action).to.include({ par: 'olga' });
  });

  it("gives a client a business refusal's own words", () => {
    const refused = commande({
      etape: 'paiement',
      code: 'SOLDE_INSUFFISANT',
      message: 'Balance too low: 12.00 € available',
      type: 'METIER',
      incertain: false,
    });
    expect(toView(refused, 'client').echec?.message).to.equal('Balance too low: 12.00 € available');
  });
});
