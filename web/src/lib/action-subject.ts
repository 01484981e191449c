import type { ActionKind, Commande } from './api-types.js';
import { actOn, waitsForOperator } from './api/commandes.js';
import { ETAT_LABELS } from './etat-labels.js';
import { paths } from './paths.js';

/**
 * What an operator's "Reprendre" or "Annuler" acts on, for the buttons, the motif dialog and
 * the message that shared components show: a commande, a sign-up.
 */
export interface ActionSubject<S extends { id: string }> {
  /** With its article: « la commande », « l’inscription ». */
  the: string;
  /** At the start of a sentence: « Commande », « Inscription ». */
  name: string;
  /** What each action does to it, said before the operator confirms. */
  explain: Readonly<Record<ActionKind, string>>;
  act(action: ActionKind, id: string, motif: string | null): Promise<{ status: number; saga: S }>;
  /** Still waiting for an operator after the action. */
  waits(saga: S): boolean;
  etatLabel(saga: S): string;
  path(id: string): string;
}

/** A resume, whatever the saga: it goes on from where it stopped. */
export const REPRENDRE_EXPLAIN =
  'Une fois le service rétabli, la saga reprend là où elle s’est arrêtée : l’étape qui échouait, ou les compensations.';

export const COMMANDE_SUBJECT: ActionSubject<Commande> = {
  the: 'la commande',
  name: 'Commande',
  explain: {
    reprendre: REPRENDRE_EXPLAIN,
    annuler:
      'Ce qui a été fait est compensé (stock libéré, paiement remboursé) et la commande finit annulée. Impossible une fois la vente enregistrée : il faut alors la reprendre.',
  },
  act: async (action, id, motif) => {
    const { status, commande } = await actOn(action, id, motif);
    return { status, saga: commande };
  },
  waits: waitsForOperator,
  etatLabel: (c) => ETAT_LABELS[c.etat],
  path: paths.commande,
};
