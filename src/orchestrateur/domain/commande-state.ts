import type { CommandeRow, HistoriqueRow } from '../data/commandes-repo.js';
import type { CheckoutData } from './checkout-saga.js';
import type { Echec, SagaState } from './saga-types.js';

/** A commande as the saga runner holds it in memory between two transitions. */
export interface CommandeState extends SagaState<CheckoutData> {
  readonly version: number;
  readonly created_at: Date;
  readonly updated_at: Date;
  /** Complete for sagas started here; recovered sagas carry only what they add. */
  readonly historique: readonly HistoriqueRow[];
}

const echecOf = (row: CommandeRow): Echec | null =>
  row.echec_etape && row.echec_code && row.echec_type
    ? {
        etape: row.echec_etape,
        code: row.echec_code,
        message: row.echec_message ?? '',
        type: row.echec_type,
        incertain: row.echec_incertain,
      }
    : null;

export function stateFromRow(
  row: CommandeRow,
  historique: readonly HistoriqueRow[],
): CommandeState {
  return {
    id: row.id,
    etat: row.etat_actuel,
    data: {
      client_id: row.client_id,
      magasin_id: row.magasin_id,
      lignes: row.lignes,
      total_cents: row.total_cents,
    },
    echec: echecOf(row),
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
    historique,
  };
}

/** The commande as the API shows it (saga contract, "GET /api/commande/{id}"). */
export interface CommandeView {
  id: string;
  client_id: number;
  magasin_id: number;
  etat: string;
  total_cents: number | null;
  echec: { etape: string; code: string; message: string } | null;
  created_at: string;
  updated_at: string;
  historique: { etat: string; at: string; detail: Record<string, unknown> }[];
}

export function toView(s: CommandeState): CommandeView {
  return {
    id: s.id,
    client_id: s.data.client_id,
    magasin_id: s.data.magasin_id,
    etat: s.etat,
    total_cents: s.data.total_cents,
    echec: s.echec ? { etape: s.echec.etape, code: s.echec.code, message: s.echec.message } : null,
    created_at: s.created_at.toISOString(),
    updated_at: s.updated_at.toISOString(),
    historique: s.historique.map((h) => ({
      etat: h.etat,
      at: h.at.toISOString(),
      detail: h.detail,
    })),
  };
}
