import type { SagaStates, TransitionTable } from '../../saga/index.js';

/** Names of the sign-up's compensating actions; the saga binds each to a participant call. */
export type CompensationInscription = 'supprimer_identifiants' | 'supprimer_client';

/**
 * The sign-up saga's state machine, as data. Credentials are reserved first (the only
 * step that needs the password, which is never written: see inscription-saga.ts), then the
 * client record is created, then the credentials are activated for that client: the pivot,
 * past which the account exists and nothing is undone. Before it, whatever was created is
 * deleted again, so no credentials ever stand without a client record or the reverse.
 */
const table = {
  INITIEE: { next: ['IDENTIFIANTS_RESERVES', 'ECHEC_IDENTIFIANTS'] },
  IDENTIFIANTS_RESERVES: {
    next: ['CLIENT_CREE', 'ECHEC_CLIENT'],
    compensate: 'supprimer_identifiants',
  },
  CLIENT_CREE: { next: ['CONFIRMEE', 'ECHEC_ACTIVATION'], compensate: 'supprimer_client' },
  CONFIRMEE: { next: [] },
  ECHEC_IDENTIFIANTS: { next: ['ANNULEE', 'COMPENSATION_ECHOUEE'] },
  ECHEC_CLIENT: { next: ['ANNULEE', 'COMPENSATION_ECHOUEE'] },
  ECHEC_ACTIVATION: { next: ['ANNULEE', 'COMPENSATION_ECHOUEE'] },
  COMPENSATION_ECHOUEE: { next: ['ECHEC_IDENTIFIANTS', 'ECHEC_CLIENT', 'ECHEC_ACTIVATION'] },
  ANNULEE: { next: [] },
} as const;

export type EtatInscription = keyof typeof table;

/** Typed as a table: a successor that is not one of its keys does not compile. */
export const transitionsInscription: TransitionTable<EtatInscription, CompensationInscription> =
  table;

export const ETATS_INSCRIPTION = Object.keys(transitionsInscription) as readonly EtatInscription[];

export const isEtatInscription = (value: string): value is EtatInscription =>
  Object.hasOwn(transitionsInscription, value);

/** The états the saga engine must know by role. */
export const ROLES_INSCRIPTION = {
  confirmed: 'CONFIRMEE',
  cancelled: 'ANNULEE',
  parked: 'COMPENSATION_ECHOUEE',
} as const satisfies SagaStates<EtatInscription>;
