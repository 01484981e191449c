import type { Commande, CommandeSummary } from '../api-types.js';
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
): Promise<CommandeSummary[]> {
  return apiGet<CommandeSummary[]>('/api/commandes', { query: { ...filter }, signal });
}

export const getCommande = (id: string, signal?: AbortSignal): Promise<Commande> =>
  apiGet<Commande>(`/api/commande/${encodeURIComponent(id)}`, { signal });

/**
 * Waits for an operator: parked (a compensation kept failing) or suspended (a step that
 * may not give up, such as the sale, got no definite answer). `reprendre` drives it on.
 */
export const waitsForOperator = (c: Pick<CommandeSummary, 'etat' | 'suspension'>): boolean =>
  c.etat === SAGA_ROLES.parked || c.suspension !== null;

/** Resumes such a commande (operator only): 200 when it ended, 202 while it runs on. */
export async function reprendre(id: string): Promise<{ status: number; commande: Commande }> {
  const res = await apiFetch<Commande>('POST', `/api/commande/${encodeURIComponent(id)}/reprendre`);
  return { status: res.status, commande: res.body };
}
