import type { StockLine } from '../../../lib/api-types.js';
import { apiGet, apiSend } from '../../../lib/api/client.js';
import type { StockHistorique } from '../../../lib/api-types.js';

const ligne = (magasinId: number, produitId: number): string =>
  `/api/stock/magasins/${magasinId}/produits/${produitId}`;

export const getLigne = (m: number, p: number, signal?: AbortSignal): Promise<StockLine> =>
  apiGet<StockLine>(ligne(m, p), { signal });

/**
 * Sets the level. `quantite_attendue` is the level the employee saw: the service refuses
 * (409 STOCK_MODIFIE) when a checkout or someone else moved it since.
 */
export const fixerNiveau = (
  m: number,
  p: number,
  body: { quantite: number; quantite_attendue: number; motif?: string | undefined },
): Promise<StockLine> => apiSend<StockLine>('PUT', ligne(m, p), { body });

/** Adds (delta > 0) or removes units, whatever reservations do meanwhile. */
export const ajusterNiveau = (
  m: number,
  p: number,
  body: { delta: number; motif: string },
): Promise<StockLine> => apiSend<StockLine>('POST', `${ligne(m, p)}/ajuster`, { body });

export const getLigneHistorique = (
  m: number,
  p: number,
  signal?: AbortSignal,
): Promise<StockHistorique> =>
  apiGet<StockHistorique>(`${ligne(m, p)}/historique`, { query: { limit: 200 }, signal });
