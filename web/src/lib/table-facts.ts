/**
 * What the front reads off a saga's transition table, whichever saga it is (the commande's,
 * the sign-up's): the états in order, their successors, which rest, which are failures and
 * the colour family of each. Tables are imported from the orchestrator's own source.
 */
import {
  restingStates,
  type SagaStates,
  type TransitionTable,
} from '../../../src/saga/definition.js';

export type EtatTone = 'succes' | 'annule' | 'bloque' | 'echec' | 'encours';

export interface TableFacts<E extends string> {
  /** Every état, in the table's order. */
  etats: readonly E[];
  isEtat(value: string): value is E;
  successors(etat: E): readonly E[];
  isTerminal(etat: E): boolean;
  /** Over, or waiting for an operator (the engine's definition): polling shows nothing new. */
  isResting(etat: E): boolean;
  /** A failure état: one the saga leaves by compensating, towards the cancelled état. */
  isFailure(etat: E): boolean;
  /** The colour family of an état, read off the table's roles. */
  tone(etat: E): EtatTone;
}

export function tableFacts<E extends string>(
  table: TransitionTable<E, string>,
  roles: SagaStates<E>,
): TableFacts<E> {
  const etats = Object.keys(table) as E[];
  const successors = (etat: E): readonly E[] => table[etat].next;
  const resting: ReadonlySet<E> = new Set(restingStates(table, roles));
  const isFailure = (etat: E): boolean =>
    etat !== roles.parked && successors(etat).includes(roles.cancelled);
  return {
    etats,
    isEtat: (value: string): value is E => Object.hasOwn(table, value),
    successors,
    isTerminal: (etat) => successors(etat).length === 0,
    isResting: (etat) => resting.has(etat),
    isFailure,
    tone(etat) {
      if (etat === roles.confirmed) return 'succes';
      if (etat === roles.cancelled) return 'annule';
      if (etat === roles.parked) return 'bloque';
      return isFailure(etat) ? 'echec' : 'encours';
    },
  };
}
