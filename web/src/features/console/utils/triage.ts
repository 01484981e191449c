import type { CommandeListee } from '../../../lib/api-types.js';
import { waitsForOperator } from '../../../lib/api/commandes.js';
import { type EtatCommande, ETATS, isResting, isTerminal } from '../../../lib/saga-table.js';

/** en-attente: parked or suspended, an operator must act; bloquee: not moving past the threshold. */
export type Attention = 'bloquee' | 'en-attente' | null;

export interface Triaged {
  commande: CommandeListee;
  attention: Attention;
}

/** The états a saga can wait in: every one but the ends (where "à traiter" looks). */
export const ETATS_NON_TERMINAUX: readonly EtatCommande[] = ETATS.filter((e) => !isTerminal(e));

export function attentionOf(c: CommandeListee, seuilMs: number, now: number): Attention {
  if (waitsForOperator(c)) return 'en-attente';
  return !isResting(c.etat) && now - Date.parse(c.updated_at) > seuilMs ? 'bloquee' : null;
}

/** Waiting for an operator first, then stuck, then the rest; newest first within each. */
export function triage(list: readonly CommandeListee[], seuilMs: number, now: number): Triaged[] {
  const rank = (a: Attention): number => (a === 'en-attente' ? 0 : a === 'bloquee' ? 1 : 2);
  return list
    .map((commande) => ({ commande, attention: attentionOf(commande, seuilMs, now) }))
    .sort(
      (a, b) =>
        rank(a.attention) - rank(b.attention) ||
        Date.parse(b.commande.created_at) - Date.parse(a.commande.created_at),
    );
}

export function countByEtat(list: readonly CommandeListee[]): Map<EtatCommande, number> {
  const counts = new Map<EtatCommande, number>(ETATS.map((e) => [e, 0]));
  for (const c of list) counts.set(c.etat, (counts.get(c.etat) ?? 0) + 1);
  return counts;
}
