import type { EchecType } from '../../saga/index.js';
import type {
  Commande,
  HistoriqueEntry,
  LigneCommande,
  OperatorAction,
  Suspension,
} from '../checkout/commande.js';
import type { EtatCommande } from '../checkout/transitions.js';

/** A row of `commandes`, as PostgreSQL returns it. */
export interface CommandeRow {
  id: string;
  client_id: number;
  magasin_id: number;
  etat_actuel: EtatCommande;
  total_cents: number | null;
  lignes: LigneCommande[] | null;
  echec_etape: string | null;
  echec_code: string | null;
  echec_message: string | null;
  echec_type: EchecType | null;
  echec_incertain: boolean;
  idempotency_key: string | null;
  request_hash: string;
  version: number;
  suspendue_at: Date | null;
  suspension: Suspension | null;
  lease_owner: string | null;
  lease_until: Date | null;
  created_at: Date;
  updated_at: Date;
  definition_nom: string;
  definition_version: string;
  /** The W3C traceparent of the request that created it (null: tracing was off). */
  trace_parent: string | null;
  /** In lists only: the last operator action, as JSON (its `at` a string). */
  derniere_action?: (Omit<OperatorAction, 'at'> & { at: string }) | null;
}

/** A row of `etat_saga`. */
export type HistoriqueRow = HistoriqueEntry;

/** A row of `actions_operateur`. */
export type ActionRow = OperatorAction;

const echecOf = (row: CommandeRow): Commande['echec'] =>
  row.echec_etape && row.echec_code && row.echec_type
    ? {
        etape: row.echec_etape,
        code: row.echec_code,
        message: row.echec_message ?? '',
        type: row.echec_type,
        incertain: row.echec_incertain,
      }
    : null;

const lastActionOf = (row: CommandeRow): OperatorAction[] | undefined =>
  row.derniere_action === undefined
    ? undefined
    : row.derniere_action === null
      ? []
      : [{ ...row.derniere_action, at: new Date(row.derniere_action.at) }];

export function toCommande(
  row: CommandeRow,
  historique: readonly HistoriqueRow[],
  actions: readonly ActionRow[] | undefined = lastActionOf(row),
): Commande {
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
    definition: { nom: row.definition_nom, version: row.definition_version },
    traceParent: row.trace_parent,
    suspension: row.suspension,
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
    historique,
    ...(actions === undefined ? {} : { actions }),
  };
}
