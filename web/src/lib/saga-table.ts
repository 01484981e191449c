/**
 * The ONE place the front reads the orchestrator's checkout state machine from. The table is
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
import { tableFacts } from './table-facts.js';

export type { Compensation, EtatCommande };

export const SAGA_TABLE = transitions;
export const SAGA_ROLES = ROLES;
/** Every état, in the table's order. */
export const ETATS: readonly EtatCommande[] = ETATS_COMMANDE;
export const isEtat = isEtatCommande;

export const COMMANDE_FACTS = tableFacts(transitions, ROLES);

export const { isTerminal, isResting, isFailure, successors } = COMMANDE_FACTS;

/** The état no transition leads to: where every saga starts. */
export const INITIAL_ETAT: EtatCommande = ETATS.find(
  (e) => !ETATS.some((other) => successors(other).includes(e)),
) as EtatCommande;

/** Every compensation the table names, in the table's order. */
export const COMPENSATIONS: readonly Compensation[] = [
  ...new Set(ETATS.flatMap((e) => transitions[e].compensate ?? [])),
];

export const compensationOf = (etat: EtatCommande): Compensation | undefined =>
  transitions[etat].compensate;
