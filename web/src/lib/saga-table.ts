/**
 * The ONE place the front reads the orchestrator's state machine from. The table is
 * imported from the orchestrator's own source (pure data), so the diagram, the état
 * filters and the "is it over?" test can never drift from what the server enforces.
 * When the table moves, only this import changes.
 */
import {
  type Compensation,
  type EtatCommande,
  ETATS_COMMANDE,
  isEtatCommande,
  ROLES,
  transitions,
} from '../../../src/orchestrateur/checkout/transitions.js';
import { restingStates } from '../../../src/saga/definition.js';

export type { Compensation, EtatCommande };

export const SAGA_TABLE = transitions;
export const SAGA_ROLES = ROLES;
/** Every état, in the table's order. */
export const ETATS: readonly EtatCommande[] = ETATS_COMMANDE;
export const isEtat = isEtatCommande;

const successorsOf = (etat: EtatCommande): readonly EtatCommande[] => transitions[etat].next;

export const isTerminal = (etat: EtatCommande): boolean => successorsOf(etat).length === 0;

const RESTING: ReadonlySet<EtatCommande> = new Set(restingStates(transitions, ROLES));

/** Over, or waiting for an operator (the engine's definition): polling shows nothing new. */
export const isResting = (etat: EtatCommande): boolean => RESTING.has(etat);

/** A failure état: one the saga leaves by compensating, towards the cancelled état. */
export const isFailure = (etat: EtatCommande): boolean =>
  etat !== ROLES.parked && successorsOf(etat).includes(ROLES.cancelled);

/** The état no transition leads to: where every saga starts. */
export const INITIAL_ETAT: EtatCommande = ETATS.find(
  (e) => !ETATS.some((other) => successorsOf(other).includes(e)),
) as EtatCommande;

/** Every compensation the table names, in the table's order. */
export const COMPENSATIONS: readonly Compensation[] = [
  ...new Set(ETATS.flatMap((e) => transitions[e].compensate ?? [])),
];

export const compensationOf = (etat: EtatCommande): Compensation | undefined =>
  transitions[etat].compensate;

export const successors = successorsOf;
