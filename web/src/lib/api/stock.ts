import type { Ruptures, StockLine, StockMagasin, Surstock } from '../api-types.js';
import type { StockHistorique } from '../api-types.js';
import { apiGet } from './client.js';
import { allPages } from './pages.js';

/** Every line of a magasin's stock, by produit. */
export const getStock = (magasinId: number, signal?: AbortSignal): Promise<StockLine[]> =>
  allPages(async (query) => {
    const path = `/api/stock/magasins/${magasinId}`;
    return (await apiGet<StockMagasin>(path, { query, signal })).stock;
  });

/** Lines at zero in a magasin, every page of them. */
export const getRuptures = (magasinId: number, signal?: AbortSignal): Promise<StockLine[]> =>
  allPages(async (query) => {
    const path = `/api/stock/magasins/${magasinId}/ruptures`;
    return (await apiGet<Ruptures>(path, { query, signal })).ruptures;
  });

/** Lines above the threshold (the service's default when none is given), largest first. */
export async function getSurstock(
  magasinId: number,
  seuil: number | undefined,
  signal?: AbortSignal,
): Promise<{ seuil: number | null; lignes: StockLine[] }> {
  let applied: number | null = null;
  const lignes = await allPages(async (query) => {
    const path = `/api/stock/magasins/${magasinId}/surstock`;
    const body = await apiGet<Surstock>(path, { query: { ...query, seuil }, signal });
    applied = body.seuil;
    return body.surstock;
  });
  return { seuil: applied, lignes };
}

/** The last `limit` sets and adjustments of a magasin's lines, newest first. */
export const getStockHistorique = (
  magasinId: number,
  limit: number,
  signal?: AbortSignal,
): Promise<StockHistorique> =>
  apiGet<StockHistorique>(`/api/stock/magasins/${magasinId}/historique`, {
    query: { limit },
    signal,
  });
