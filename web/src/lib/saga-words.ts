import type { EtatTone } from './table-facts.js';

/**
 * A saga's vocabulary in French, for the components every saga shares (the état badge,
 * the timeline and its step details): the commande's (etat-labels.ts) and the sign-up's
 * (inscription-labels.ts).
 */
export interface SagaWords<E extends string> {
  /** Each état's label, typed by the table: a new état does not compile without one. */
  label: Readonly<Record<E, string>>;
  tone(etat: E): EtatTone;
  /** A step as the orchestrator names it in `detail.etape` and `echec.etape`. */
  etape(etape: string): string;
  compensation(name: string): string;
  /** Whether the compensation's label is a feminine noun ("Libération du stock réussie"). */
  feminine(compensation: string): boolean;
}
