import type { ActionKind } from './api-types.js';

interface ActionWords {
  /** The button: "Reprendre". */
  verbe: string;
  /** While it runs: "Reprise…". */
  enCours: string;
  /** Past participle (a commande is feminine): "reprise". */
  faite: string;
  /** The confirm button of the motif prompt. */
  confirmer: string;
}

/** An operator's actions in words; typed by the API's enum, so a new one needs its words. */
export const ACTION_WORDS: Readonly<Record<ActionKind, ActionWords>> = {
  reprendre: {
    verbe: 'Reprendre',
    enCours: 'Reprise…',
    faite: 'reprise',
    confirmer: 'Confirmer la reprise',
  },
  annuler: {
    verbe: 'Annuler',
    enCours: 'Annulation…',
    faite: 'annulée',
    confirmer: 'Confirmer l’annulation',
  },
};

/** "Annulée par operateur", "Reprise par un opérateur" (a client is not told who). */
export function actionBy(action: ActionKind, par: string | undefined): string {
  const faite = ACTION_WORDS[action].faite;
  const who = par === undefined ? 'un opérateur' : `l’opérateur ${par}`;
  return `${faite.charAt(0).toUpperCase()}${faite.slice(1)} par ${who}`;
}

export const isActionKind = (v: unknown): v is ActionKind => v === 'reprendre' || v === 'annuler';
