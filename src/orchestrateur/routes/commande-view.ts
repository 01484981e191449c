import type { Commande, Suspension } from '../checkout/commande.js';

/** The commande as the API shows it (docs/saga-contract.md, "GET /api/commande/{id}"). */
export interface CommandeView {
  id: string;
  client_id: number;
  magasin_id: number;
  etat: string;
  total_cents: number | null;
  echec: { etape: string; code: string; message: string } | null;
  /** Set while the saga waits for an operator in a forward état (a step kept failing). */
  suspension: Suspension | null;
  created_at: string;
  updated_at: string;
  historique: { etat: string; at: string; detail: Record<string, unknown> }[];
}

export function toView(c: Commande): CommandeView {
  return {
    id: c.id,
    client_id: c.data.client_id,
    magasin_id: c.data.magasin_id,
    etat: c.etat,
    total_cents: c.data.total_cents,
    echec: c.echec ? { etape: c.echec.etape, code: c.echec.code, message: c.echec.message } : null,
    suspension: c.suspension,
    created_at: c.created_at.toISOString(),
    updated_at: c.updated_at.toISOString(),
    historique: c.historique.map((h) => ({
      etat: h.etat,
      at: h.at.toISOString(),
      detail: { ...h.detail },
    })),
  };
}

/** A list entry: the commande without its history. */
export function toSummary(c: Commande): Omit<CommandeView, 'historique'> {
  const { historique: _h, ...summary } = toView(c);
  return summary;
}
