import {
  defineSaga,
  type SagaDefinition,
  type StepCall,
  StepError,
  type StepResult,
} from '../../saga/index.js';
import { mergeLignes, totalCents } from '../../lib/lignes.js';
import type { CheckoutData, LigneCommande } from './commande.js';
import { type Compensation, type EtatCommande, ROLES, transitions } from './transitions.js';

/** The cart as the panier service answers it. */
export interface Panier {
  client_id: number;
  lignes: LigneCommande[];
  total_cents: number;
}

export interface Vente {
  client_id: number;
  magasin_id: number;
  lignes: readonly LigneCommande[];
  total_cents: number;
}

/**
 * The calls the checkout makes, as the saga contract names them. Each is keyed by the
 * step call (commande id + step name: the idempotency key) and throws a StepError that
 * says whether the service refused, failed, or answered something unreadable.
 */
export interface CheckoutParticipants {
  lirePanier(clientId: number, call: StepCall): Promise<Panier>;
  reserverStock(magasinId: number, lignes: readonly LigneCommande[], call: StepCall): Promise<void>;
  libererStock(call: StepCall): Promise<void>;
  payer(clientId: number, montantCents: number, call: StepCall): Promise<void>;
  rembourser(clientId: number, call: StepCall): Promise<void>;
  enregistrerVente(vente: Vente, call: StepCall): Promise<{ venteId: number | string }>;
  viderPanier(clientId: number, lignes: readonly LigneCommande[], call: StepCall): Promise<void>;
}

export type CheckoutSaga = SagaDefinition<EtatCommande, Compensation, CheckoutData>;

/** The cart snapshot every step after the first works from. */
function panierOf(d: CheckoutData): { lignes: LigneCommande[]; total: number } {
  if (d.lignes === null || d.total_cents === null) {
    throw new Error('Saga data has no cart although the cart step succeeded');
  }
  return { lignes: d.lignes, total: d.total_cents };
}

/** For steps whose answer carries nothing the saga keeps. */
async function done(effect: Promise<void>): Promise<StepResult<CheckoutData>> {
  await effect;
  return {};
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

function snapshot(p: CheckoutParticipants) {
  return async (d: CheckoutData, call: StepCall): Promise<StepResult<CheckoutData>> => {
    const panier = await p.lirePanier(d.client_id, call);
    const lignes = snapshotOf(panier);
    return {
      patch: { lignes, total_cents: panier.total_cents },
      detail: { lignes: lignes.length, total_cents: panier.total_cents },
    };
  };
}

/**
 * The checkout, step by step, as the saga contract orders it. Each step names the table
 * entry it runs from; where it goes on success or failure is read off the table.
 */
export function checkoutSaga(p: CheckoutParticipants): CheckoutSaga {
  return defineSaga({
    table: transitions,
    states: ROLES,
    steps: [
      { name: 'panier', from: 'INITIEE', retry: 'bounded', run: snapshot(p) },
      {
        name: 'stock',
        from: 'PANIER_RECUPERE',
        retry: 'bounded',
        run: (d, call) => done(p.reserverStock(d.magasin_id, panierOf(d).lignes, call)),
      },
      {
        name: 'paiement',
        from: 'STOCK_RESERVE',
        retry: 'bounded',
        run: async (d, call) => {
          const { total } = panierOf(d);
          await p.payer(d.client_id, total, call);
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
          const { venteId } = await p.enregistrerVente({ ...vente, total_cents: total }, call);
          return { detail: { vente_id: venteId } };
        },
      },
      {
        name: 'vider_panier',
        from: 'COMMANDE_ENREGISTREE',
        retry: 'until-success',
        run: (d, call) => done(p.viderPanier(d.client_id, panierOf(d).lignes, call)),
      },
    ],
    compensations: {
      liberer_stock: (_d, call) => p.libererStock(call),
      rembourser: (d, call) => p.rembourser(d.client_id, call),
    },
  });
}
