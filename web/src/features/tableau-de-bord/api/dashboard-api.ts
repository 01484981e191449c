import { apiGet } from '../../../lib/api/client.js';
import { getRuptures, getSurstock } from '../../../lib/api/stock.js';
import type { RapportVentes, StockLine } from '../../../lib/api-types.js';

export interface RapportFilter {
  magasin_id?: number | undefined;
  du?: string | undefined;
  au?: string | undefined;
  top?: number | undefined;
}

/** The sales aggregate, computed in SQL by the ventes service. */
export const getRapport = (filter: RapportFilter, signal?: AbortSignal): Promise<RapportVentes> =>
  apiGet<RapportVentes>('/api/ventes/rapport', { query: { ...filter }, signal });

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
