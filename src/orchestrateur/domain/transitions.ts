import type { EtatCommande } from './etat-commande.js';

/** Names of the compensating actions; the saga definition binds each to a call. */
export type Compensation = 'liberer_stock' | 'rembourser';

export interface TransitionRule {
  /** States this one may move to; empty for a terminal state. */
  readonly next: readonly EtatCommande[];
  /** What undoes the effect of having reached this state, if anything. */
  readonly compensate?: Compensation;
  /** Terminal: the saga is over. */
  readonly terminal?: true;
  /** Waits for an operator; no worker picks it up by itself. */
  readonly waitsForOperator?: true;
  /**
   * Forward progress that may be committed without waiting for the WAL flush. Losing it
   * takes a PostgreSQL crash (not an orchestrator one) and only sends the saga back to
   * the previous forward state, whose idempotent step is re-issued and answers as before.
   * Creation, failures, parking and the end of a saga are always flushed.
   */
  readonly asyncCommit?: true;
}

/**
 * The checkout saga's state machine, as data. Every transition the orchestrator
 * writes is checked against this table before any SQL runs.
 */
export const transitions = {
  INITIEE: { next: ['PANIER_RECUPERE', 'ECHEC_PANIER'] },
  PANIER_RECUPERE: { next: ['STOCK_RESERVE', 'ECHEC_STOCK'], asyncCommit: true },
  STOCK_RESERVE: {
    next: ['PAIEMENT_EFFECTUE', 'ECHEC_PAIEMENT'],
    compensate: 'liberer_stock',
    asyncCommit: true,
  },
  PAIEMENT_EFFECTUE: {
    next: ['COMMANDE_ENREGISTREE', 'ECHEC_ENREGISTREMENT'],
    compensate: 'rembourser',
    asyncCommit: true,
  },
  // Past the pivot: the sale is recorded, nothing is undone any more.
  COMMANDE_ENREGISTREE: { next: ['CONFIRMEE'], asyncCommit: true },
  CONFIRMEE: { next: [], terminal: true },
  ECHEC_PANIER: { next: ['ANNULEE'] },
  ECHEC_STOCK: { next: ['ANNULEE', 'COMPENSATION_ECHOUEE'] },
  ECHEC_PAIEMENT: { next: ['ANNULEE', 'COMPENSATION_ECHOUEE'] },
  ECHEC_ENREGISTREMENT: { next: ['ANNULEE', 'COMPENSATION_ECHOUEE'] },
  COMPENSATION_ECHOUEE: {
    next: ['ECHEC_STOCK', 'ECHEC_PAIEMENT', 'ECHEC_ENREGISTREMENT'],
    waitsForOperator: true,
  },
  ANNULEE: { next: [], terminal: true },
} as const satisfies Record<EtatCommande, TransitionRule>;

const rule = (etat: EtatCommande): TransitionRule => transitions[etat];

export const canTransition = (from: EtatCommande, to: EtatCommande): boolean =>
  rule(from).next.includes(to);

export const isTerminal = (etat: EtatCommande): boolean => rule(etat).terminal === true;

export const waitsForOperator = (etat: EtatCommande): boolean =>
  rule(etat).waitsForOperator === true;

export const commitsAsync = (etat: EtatCommande): boolean => rule(etat).asyncCommit === true;

export const compensationOf = (etat: EtatCommande): Compensation | undefined =>
  rule(etat).compensate;

/** States no worker should drive any more: terminal, or parked for an operator. */
export const RESTING_STATES = (Object.keys(transitions) as EtatCommande[]).filter(
  (e) => isTerminal(e) || waitsForOperator(e),
);
