import type { ActionKind, Commande, CommandeListee, CommandeSummary } from '../api-types.js';
import { type EtatCommande, SAGA_ROLES } from '../saga-table.js';
import { apiFetch, apiGet } from './client.js';

export interface CommandesFilter {
  etat?: EtatCommande | undefined;
  client_id?: number | undefined;
  magasin_id?: number | undefined;
  /** 1-200; the orchestrator's default is 50. */
  limit?: number | undefined;
}

/** Most recent first. A client's token only ever lists its own commandes. */
export function listCommandes(
  filter: CommandesFilter,
  signal?: AbortSignal,
): Promise<CommandeListee[]> {
  return apiGet<CommandeListee[]>('/api/commandes', { query: { ...filter }, signal });
}

export const getCommande = (id: string, signal?: AbortSignal): Promise<Commande> =>
  apiGet<Commande>(`/api/commande/${encodeURIComponent(id)}`, { signal });

/**
 * Waits for an operator: parked (a compensation kept failing) or suspended (a step that
 * may not give up, such as the sale, got no definite answer). `reprendre` drives it on;
 * `annuler` sends it back, compensating, when it is short of the sale.
 */
export const waitsForOperator = (c: Pick<CommandeSummary, 'etat' | 'suspension'>): boolean =>
  c.etat === SAGA_ROLES.parked || c.suspension !== null;

/** The motif, 3-500 characters, required to cancel and optional to resume. */
export const MOTIF_MIN = 3;
export const MOTIF_MAX = 500;

/**
 * An operator's action on such a commande, recorded with their name and the motif:
 * 200 when it ended, 202 while it runs on. 409 PIVOT_FRANCHI (annuler at or past the
 * sale) or ETAT_INCOMPATIBLE (not waiting, or someone acted meanwhile) otherwise.
 */
export async function actOn(
  action: ActionKind,
  id: string,
  motif: string | null,
): Promise<{ status: number; commande: Commande }> {
  const res = await apiFetch<Commande>(
    'POST',
    `/api/commande/${encodeURIComponent(id)}/${action}`,
    motif === null ? {} : { body: { motif } },
  );
  return { status: res.status, commande: res.body };
}
