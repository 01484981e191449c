import { useMemo } from 'react';
import { getMagasins, getProduits, namesById } from '../../../lib/api/catalogue.js';
import { getRuptures, getStock, getStockHistorique, getSurstock } from '../../../lib/api/stock.js';
import type { Magasin, StockLine } from '../../../lib/api-types.js';
import { useQuery } from '../../../lib/use-query.js';

/** Which lines the table shows: all, those at zero, or those above a threshold. */
export type Vue = 'tout' | 'ruptures' | 'surstock';

async function lignesVues(
  magasinId: number,
  vue: Vue,
  seuil: number | undefined,
  signal: AbortSignal,
): Promise<{ lignes: StockLine[]; seuil: number | null }> {
  switch (vue) {
    case 'tout':
      return { lignes: await getStock(magasinId, signal), seuil: null };
    case 'ruptures':
      return { lignes: await getRuptures(magasinId, signal), seuil: null };
    case 'surstock':
      return getSurstock(magasinId, seuil, signal);
    default: {
      const never: never = vue;
      throw new Error(`unknown view ${String(never)}`);
    }
  }
}

/** The magasins to choose from (none while they load). */
export const useMagasinsList = (): readonly Magasin[] =>
  useQuery('magasins', getMagasins).data ?? [];

/** A magasin's stock page: its lines (in the chosen view), the catalogue, its history. */
export function useStockMagasin(magasinId: number, vue: Vue, seuil: number | undefined) {
  const produits = useQuery('produits', getProduits);
  const noms = useMemo(() => namesById(produits.data), [produits.data]);
  const id = magasinId;
  const carried = useQuery(`stock:${id}`, (s) => getStock(id, s));
  const lignes = useQuery(`stock-vue:${id}:${vue}:${seuil ?? ''}`, (signal) =>
    lignesVues(id, vue, seuil, signal),
  );
  const historique = useQuery(`stock-historique:${id}`, (s) => getStockHistorique(id, 50, s));
  const reload = (): void => {
    carried.reload();
    lignes.reload();
    historique.reload();
  };
  return { produits, noms, carried, lignes, historique, reload };
}
