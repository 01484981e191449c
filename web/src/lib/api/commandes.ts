import type { CommandeSummary } from '../api-types.js';
import type { EtatCommande } from '../saga-table.js';
import { apiGet } from './client.js';

export interface CommandesFilter {
  etat?: EtatCommande | undefined;
  client_id?: number | undefined;
  magasin_id?: number | undefined;
  limit?: number | undefined;
}

/** Most recent first. A client's token only ever lists its own commandes. */
export function listCommandes(
  filter: CommandesFilter,
  signal?: AbortSignal,
): Promise<CommandeSummary[]> {
  return apiGet<CommandeSummary[]>('/api/commandes', { query: { ...filter }, signal });
}
