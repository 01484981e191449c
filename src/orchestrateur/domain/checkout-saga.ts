import type { CallContext, Participants } from '../clients/participants.js';
import type { LigneCommande } from '../data/commandes-repo.js';
import { defineSaga } from './run-saga.js';
import { type SagaDefinition, type StepCall, StepError } from './saga-types.js';

/** What the checkout saga carries from step to step (persisted with each transition). */
export interface CheckoutData {
  client_id: number;
  magasin_id: number;
  lignes: LigneCommande[] | null;
  total_cents: number | null;
}

const callContext = (call: StepCall): CallContext => ({
  commandeId: call.sagaId,
  step: call.step,
  signal: call.signal,
});

function panierOf(d: CheckoutData): { lignes: LigneCommande[]; total: number } {
  if (d.lignes === null || d.total_cents === null) {
    throw new Error('Saga data has no cart although the cart step succeeded');
  }
  return { lignes: d.lignes, total: d.total_cents };
}

const sumOf = (lignes: readonly LigneCommande[]): number =>
  lignes.reduce((sum, l) => sum + l.quantite * l.prix_unitaire_cents, 0);

/** The checkout, step by step, as the saga contract orders it. */
export function checkoutSaga(p: Participants): SagaDefinition<CheckoutData> {
  return defineSaga<CheckoutData>({
    steps: [
      {
        name: 'panier',
        from: 'INITIEE',
        onSuccess: 'PANIER_RECUPERE',
        onFailure: 'ECHEC_PANIER',
        retry: 'bounded',
        async run(d, call) {
          const panier = await p.lirePanier(d.client_id, callContext(call));
          const lignes = panier.lignes.map(({ produit_id, quantite, prix_unitaire_cents }) => ({
            produit_id,
            quantite,
            prix_unitaire_cents,
          }));
          if (sumOf(lignes) !== panier.total_cents) {
            throw new StepError(
              'invalid',
              'REPONSE_INVALIDE',
              'Cart total does not match its lines',
            );
          }
          return {
            patch: { lignes, total_cents: panier.total_cents },
            detail: { lignes: lignes.length, total_cents: panier.total_cents },
          };
        },
      },
      {
        name: 'stock',
        from: 'PANIER_RECUPERE',
        onSuccess: 'STOCK_RESERVE',
        onFailure: 'ECHEC_STOCK',
        retry: 'bounded',
        async run(d, call) {
          await p.reserverStock(call.sagaId, d.magasin_id, panierOf(d).lignes, callContext(call));
          return {};
        },
      },
      {
        name: 'paiement',
        from: 'STOCK_RESERVE',
        onSuccess: 'PAIEMENT_EFFECTUE',
        onFailure: 'ECHEC_PAIEMENT',
        retry: 'bounded',
        async run(d, call) {
          const { total } = panierOf(d);
          await p.payer(call.sagaId, d.client_id, total, callContext(call));
          return { detail: { montant_cents: total } };
        },
      },
      {
        name: 'vente',
        from: 'PAIEMENT_EFFECTUE',
        onSuccess: 'COMMANDE_ENREGISTREE',
        onFailure: 'ECHEC_ENREGISTREMENT',
        retry: 'until-definitive',
        async run(d, call) {
          const { lignes, total } = panierOf(d);
          const { venteId } = await p.enregistrerVente(
            {
              commande_id: call.sagaId,
              client_id: d.client_id,
              magasin_id: d.magasin_id,
              lignes,
              total_cents: total,
            },
            callContext(call),
          );
          return { detail: { vente_id: venteId } };
        },
      },
      {
        name: 'vider_panier',
        from: 'COMMANDE_ENREGISTREE',
        onSuccess: 'CONFIRMEE',
        retry: 'until-success',
        async run(d, call) {
          await p.viderPanier(d.client_id, call.sagaId, panierOf(d).lignes, callContext(call));
          return {};
        },
      },
    ],
    compensations: {
      liberer_stock: (_d, call) => p.libererStock(call.sagaId, callContext(call)),
      rembourser: (d, call) => p.rembourser(call.sagaId, d.client_id, callContext(call)),
    },
  });
}
