import { apiGet } from '../../../lib/api/client.js';
import { allPages } from '../../../lib/api/pages.js';
import type { RapportVentes, Ruptures, StockLine, Surstock } from '../../../lib/api-types.js';

export interface RapportFilter {
  magasin_id?: number | undefined;
  du?: string | undefined;
  au?: string | undefined;
  top?: number | undefined;
}

/** The sales aggregate, computed in SQL by the ventes service. */
export const getRapport = (filter: RapportFilter, signal?: AbortSignal): Promise<RapportVentes> =>
  apiGet<RapportVentes>('/api/ventes/rapport', { query: { ...filter }, signal });

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

/** The stock service answers per magasin: "all magasins" asks each of them. */
export async function stockAlerts(
  magasinIds: readonly number[],
  seuil: number | undefined,
  signal?: AbortSignal,
): Promise<{ ruptures: StockLine[]; surstock: StockLine[]; seuil: number | null }> {
  const each = await Promise.all(
    magasinIds.map(async (id) => {
      const [ruptures, surstock] = await Promise.all([
        getRuptures(id, signal),
        getSurstock(id, seuil, signal),
      ]);
      return { ruptures, surstock };
    }),
  );
  return {
    ruptures: each.flatMap((e) => e.ruptures),
    surstock: each.flatMap((e) => e.surstock.lignes),
    seuil: each[0]?.surstock.seuil ?? null,
  };
}
