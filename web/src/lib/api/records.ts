import type { HistoriqueRecord } from '../api-types.js';
import { apiGet, apiSend } from './client.js';

/**
 * The operator's calls on one kind of record the services keep a history of (produits,
 * magasins): read one, create, change some fields (PUT takes a partial body), its history.
 */
export function recordApi<R, N, C>(path: string) {
  return {
    get: (id: number, signal?: AbortSignal): Promise<R> => apiGet<R>(`${path}/${id}`, { signal }),
    create: (record: N): Promise<R> => apiSend<R>('POST', path, { body: record }),
    update: (id: number, changes: C): Promise<R> =>
      apiSend<R>('PUT', `${path}/${id}`, { body: changes }),
    /** The last 200 changes, newest first. */
    historique: (id: number, signal?: AbortSignal): Promise<HistoriqueRecord> =>
      apiGet<HistoriqueRecord>(`${path}/${id}/historique`, { query: { limit: 200 }, signal }),
  };
}
