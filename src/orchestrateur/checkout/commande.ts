import type { SagaState } from '../../saga/index.js';
import type { EtatCommande } from './transitions.js';

export type { Echec } from '../../saga/index.js';

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

export interface HistoriqueEntry {
  etat: EtatCommande;
  at: Date;
  detail: Readonly<Record<string, unknown>>;
}

/** Why a saga stopped to wait for an operator although it is not finished. */
export interface Suspension {
  etape: string;
  code: string;
  message: string;
  tentatives: number;
  at: string;
}

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

/** The request a commande answers, kept until the commande is first written. */
export interface Origin {
  idempotencyKey: string | null;
  requestHash: string;
  /** performance.now() when the request arrived. */
  startedAt: number;
}

/** The saga definition a commande started under: readable name and shape fingerprint. */
export interface DefinitionRef {
  nom: string;
  version: string;
}

/** A commande: where its saga stands, what it carries, and how it got there. */
export interface Commande extends SagaState<EtatCommande, CheckoutData> {
  /** It is driven by this definition to its end, whatever the instance runs as current. */
  readonly definition: DefinitionRef;
  /** Set only on a new commande not written yet (version 0): its first write inserts it. */
  readonly origin?: Origin;
  /** The W3C traceparent of the request that created it, once written (null: not traced). */
  readonly traceParent?: string | null;
  /** Set while the saga waits for an operator in a forward état (see Suspension). */
  readonly suspension: Suspension | null;
  readonly version: number;
  readonly created_at: Date;
  readonly updated_at: Date;
  /** Oldest first. Complete when read from the database or started here. */
  readonly historique: readonly HistoriqueEntry[];
  /** Oldest first; read with the commande for its own page, the last one in lists. */
  readonly actions?: readonly OperatorAction[];
}
