import type { SagaStates, TransitionTable } from '../../saga/index.js';

/** Names of the compensating actions; the saga binds each to a participant call. */
export type Compensation = 'liberer_stock' | 'rembourser';

/**
 * The checkout saga's state machine, as data: each état, the états it may move to, and
 * the compensation that undoes having reached it. Its keys are the état list (stored as
 * these ASCII names); every transition the orchestrator writes is checked against it
 * before any SQL runs.
 */
const table = {
  INITIEE: { next: ['PANIER_RECUPERE', 'ECHEC_PANIER'] },
  PANIER_RECUPERE: { next: ['STOCK_RESERVE', 'ECHEC_STOCK'] },
  STOCK_RESERVE: { next: ['PAIEMENT_EFFECTUE', 'ECHEC_PAIEMENT'], compensate: 'liberer_stock' },
  PAIEMENT_EFFECTUE: {
    next: ['COMMANDE_ENREGISTREE', 'ECHEC_ENREGISTREMENT'],
    compensate: 'rembourser',
  },
  // Past the pivot: the sale is recorded, nothing is undone any more.
  COMMANDE_ENREGISTREE: { next: ['CONFIRMEE'] },
  CONFIRMEE: { next: [] },
  ECHEC_PANIER: { next: ['ANNULEE'] },
  ECHEC_STOCK: { next: ['ANNULEE', 'COMPENSATION_ECHOUEE'] },
  ECHEC_PAIEMENT: { next: ['ANNULEE', 'COMPENSATION_ECHOUEE'] },
  ECHEC_ENREGISTREMENT: { next: ['ANNULEE', 'COMPENSATION_ECHOUEE'] },
  COMPENSATION_ECHOUEE: { next: ['ECHEC_STOCK', 'ECHEC_PAIEMENT', 'ECHEC_ENREGISTREMENT'] },
  ANNULEE: { next: [] },
} as const;

export type EtatCommande = keyof typeof table;

/** Typed as a table: a successor that is not one of its keys does not compile. */
export const transitions: TransitionTable<EtatCommande, Compensation> = table;

export const ETATS_COMMANDE = Object.keys(transitions) as readonly EtatCommande[];

export const isEtatCommande = (value: string): value is EtatCommande =>
  Object.hasOwn(transitions, value);

/** The états the saga engine must know by role. */
export const ROLES = {
  confirmed: 'CONFIRMEE',
  cancelled: 'ANNULEE',
  parked: 'COMPENSATION_ECHOUEE',
} as const satisfies SagaStates<EtatCommande>;
