import type { HistoryEntry, SagaRecord } from '../../saga/index.js';
import type { EtatCommande } from './transitions.js';

export type { DefinitionRef, Echec, Origin, Suspension } from '../../saga/index.js';

/** One line of the cart as the saga snapshots it: it is what is reserved, paid and sold. */
export interface LigneCommande {
  produit_id: number;
  quantite: number;
  prix_unitaire_cents: number;
}

/** What the checkout saga carries from step to step (persisted with each transition). */
export interface CheckoutData {
  client_id: number;
  magasin_id: number;
  /** null until the cart step succeeded. */
  lignes: LigneCommande[] | null;
  total_cents: number | null;
}

export type HistoriqueEntry = HistoryEntry<EtatCommande>;

/** Something an operator did to a commande: who, why, and the état it was in. */
export interface OperatorAction {
  action: 'reprendre' | 'annuler';
  par: string;
  motif: string | null;
  etat: EtatCommande;
  at: Date;
}

/** Which commandes a list shows, as the API names its filters. */
export interface CommandeFilter {
  etat?: EtatCommande | undefined;
  client_id?: number | undefined;
  magasin_id?: number | undefined;
  limit: number;
}

/** A commande: where its saga stands, what it carries, and how it got there. */
export interface Commande extends SagaRecord<EtatCommande, CheckoutData> {
  /** Oldest first; read with the commande for its own page, the last one in lists. */
  readonly actions?: readonly OperatorAction[];
}
