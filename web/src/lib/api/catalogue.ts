import type { Magasin, Produit } from '../api-types.js';
import { apiGet } from './client.js';

/** The whole catalogue (the API's largest page; the demo has a handful of produits). */
export async function getProduits(signal?: AbortSignal): Promise<Produit[]> {
  const { produits } = await apiGet<{ produits: Produit[] }>('/api/produits', {
    query: { limit: 500 },
    signal,
  });
  return produits;
}

export async function getMagasins(signal?: AbortSignal): Promise<Magasin[]> {
  const { magasins } = await apiGet<{ magasins: Magasin[] }>('/api/magasins', {
    query: { limit: 500 },
    signal,
  });
  return magasins;
}

export const namesById = <T extends { id: number; nom: string }>(
  items: readonly T[] | undefined,
): ReadonlyMap<number, string> => new Map((items ?? []).map((i) => [i.id, i.nom]));
