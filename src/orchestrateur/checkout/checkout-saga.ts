import {
  defineSaga,
  type SagaDefinition,
  type StepCall,
  StepError,
  type StepResult,
} from '../../saga/index.js';
import { mergeLignes, totalCents } from '../../lib/lignes.js';
import type { PanierAnswer, ParticipantPort } from '../../lib/participant-calls.js';
import type { CheckoutData, LigneCommande } from './commande.js';
import { type Compensation, type EtatCommande, ROLES, transitions } from './transitions.js';

/** The cart as the panier service answers it. */
export type Panier = PanierAnswer;

/**
 * The calls the checkout makes, one method per call of the participant record
 * (src/lib/participant-calls.ts), named after it. Each is keyed by the step call (commande
 * id + step name: the idempotency key) and throws a StepError that says whether the service
 * refused, failed, or answered something unreadable.
 */
export type CheckoutParticipants = ParticipantPort;

export type CheckoutSaga = SagaDefinition<EtatCommande, Compensation, CheckoutData>;

/** The cart snapshot every step after the first works from. */
function panierOf(d: CheckoutData): { lignes: LigneCommande[]; total: number } {
  if (d.lignes === null || d.total_cents === null) {
    throw new Error('Saga data has no cart although the cart step succeeded');
  }
  return { lignes: d.lignes, total: d.total_cents };
}

/**
 * The cart as the rest of the saga uses it: one line per produit (a participant may list
 * one twice; ventes refuses that), its total checked. Only what the saga keeps.
 */
export function snapshotOf(panier: Panier): LigneCommande[] {
  const lignes = panier.lignes.map(({ produit_id, quantite, prix_unitaire_cents }) => ({
    produit_id,
    quantite,
    prix_unitaire_cents,
  }));
  if (totalCents(lignes) !== panier.total_cents) {
    throw new StepError('invalid', 'REPONSE_INVALIDE', 'Cart total does not match its lines');
  }
  const merged = mergeLignes(lignes);
  const priced = new Map(merged.map((l) => [l.produit_id, l.prix_unitaire_cents]));
  const twoPrices = lignes.find((l) => priced.get(l.produit_id) !== l.prix_unitaire_cents);
  if (twoPrices) {
    const message = `The cart prices produit ${twoPrices.produit_id} in two ways`;
    throw new StepError('invalid', 'REPONSE_INVALIDE', message);
  }
  return merged;
}

/** The client's cart, as the contract allows it: theirs, and not empty. */
export async function readPanier(
  p: CheckoutParticipants,
  clientId: number,
  call: StepCall,
): Promise<Panier> {
  const panier = await p.lirePanier({ client_id: clientId }, call);
  if (panier.client_id !== clientId) {
    const message = `The cart of client ${clientId} came back as client ${panier.client_id}'s`;
    throw new StepError('invalid', 'REPONSE_INVALIDE', message);
  }
  if (panier.lignes.length === 0) {
    throw new StepError('business', 'PANIER_VIDE', `The cart of client ${clientId} is empty`);
  }
  return panier;
}

function snapshot(p: CheckoutParticipants) {
  return async (d: CheckoutData, call: StepCall): Promise<StepResult<CheckoutData>> => {
    const panier = await readPanier(p, d.client_id, call);
    const lignes = snapshotOf(panier);
    return {
      patch: { lignes, total_cents: panier.total_cents },
      detail: { lignes: lignes.length, total_cents: panier.total_cents },
    };
  };
}

/** For steps whose answer carries nothing the saga keeps. */
async function done(effect: Promise<unknown>): Promise<StepResult<CheckoutData>> {
  await effect;
  return {};
}

const quantites = (lignes: readonly LigneCommande[]) =>
  lignes.map((l) => ({ produit_id: l.produit_id, quantite: l.quantite }));

/**
 * The checkout, step by step, as the saga contract orders it. Each step names the table
 * entry it runs from; where it goes on success or failure is read off the table.
 */
export function checkoutSaga(p: CheckoutParticipants): CheckoutSaga {
  return defineSaga({
    name: 'commande',
    table: transitions,
    states: ROLES,
    steps: [
      { name: 'panier', from: 'INITIEE', retry: 'bounded', run: snapshot(p) },
      {
        name: 'stock',
        from: 'PANIER_RECUPERE',
        retry: 'bounded',
        run: (d, call) => {
          const lignes = quantites(panierOf(d).lignes);
          return done(p.reserverStock({ magasin_id: d.magasin_id, lignes }, call));
        },
      },
      {
        name: 'paiement',
        from: 'STOCK_RESERVE',
        retry: 'bounded',
        run: async (d, call) => {
          const { total } = panierOf(d);
          await p.payer({ client_id: d.client_id, montant_cents: total }, call);
          return { detail: { montant_cents: total } };
        },
      },
      {
        // The pivot: a sale whose fate is unknown can be neither assumed nor undone.
        name: 'vente',
        from: 'PAIEMENT_EFFECTUE',
        retry: 'until-definitive',
        run: async (d, call) => {
          const { lignes, total } = panierOf(d);
          const vente = { client_id: d.client_id, magasin_id: d.magasin_id, lignes };
          const { id } = await p.enregistrerVente({ ...vente, total_cents: total }, call);
          return { detail: { vente_id: id } };
        },
      },
      {
        name: 'vider_panier',
        from: 'COMMANDE_ENREGISTREE',
        retry: 'until-success',
        run: (d, call) =>
          done(p.viderPanier({ client_id: d.client_id, lignes: panierOf(d).lignes }, call)),
      },
    ],
    compensations: {
      liberer_stock: async (_d, call) => {
        await p.libererStock({}, call);
      },
      rembourser: async (d, call) => {
        await p.rembourser({ client_id: d.client_id }, call);
      },
    },
  });
}
