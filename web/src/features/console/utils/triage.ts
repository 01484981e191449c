import type { CommandeSummary } from '../../../lib/api-types.js';
import { type EtatCommande, ETATS, isResting, SAGA_ROLES } from '../../../lib/saga-table.js';

export type Attention = 'bloquee' | 'en-attente' | null;

export interface Triaged {
  commande: CommandeSummary;
  attention: Attention;
}

/** Parked first (an operator must act), then stuck (not moving past the threshold), then the rest. */
export function triage(list: readonly CommandeSummary[], seuilMs: number, now: number): Triaged[] {
  const rank = (a: Attention): number => (a === 'en-attente' ? 0 : a === 'bloquee' ? 1 : 2);
  return list
    .map((commande) => {
      const attention: Attention =
        commande.etat === SAGA_ROLES.parked
          ? 'en-attente'
          : !isResting(commande.etat) && now - Date.parse(commande.updated_at) > seuilMs
            ? 'bloquee'
            : null;
      return { commande, attention };
    })
    .sort(
      (a, b) =>
        rank(a.attention) - rank(b.attention) ||
        Date.parse(b.commande.created_at) - Date.parse(a.commande.created_at),
    );
}

export function countByEtat(list: readonly CommandeSummary[]): Map<EtatCommande, number> {
  const counts = new Map<EtatCommande, number>(ETATS.map((e) => [e, 0]));
  for (const c of list) counts.set(c.etat, (counts.get(c.etat) ?? 0) + 1);
  return counts;
}
