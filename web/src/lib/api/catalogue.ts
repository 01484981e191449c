import type { Magasin, Produit } from '../api-types.js';
import { apiGet } from './client.js';
import { allPages } from './pages.js';

/** The whole catalogue, every page of it. */
export const getProduits = (signal?: AbortSignal): Promise<Produit[]> =>
  allPages(async (query) => {
    const body = await apiGet<{ produits: Produit[] }>('/api/produits', { query, signal });
    return body.produits;
  });

export const getMagasins = (signal?: AbortSignal): Promise<Magasin[]> =>
  allPages(async (query) => {
    const body = await apiGet<{ magasins: Magasin[] }>('/api/magasins', { query, signal });
    return body.magasins;
  });

export const namesById = <T extends { id: number; nom: string }>(
  items: readonly T[] | undefined,
): ReadonlyMap<number, string> => new Map((items ?? []).map((i) => [i.id, i.nom]));
