import type { NewProduit, Produit, ProduitChanges } from '../../../lib/api-types.js';
import { apiGet } from '../../../lib/api/client.js';
import { allPages } from '../../../lib/api/pages.js';
import { recordApi } from '../../../lib/api/records.js';

/** The produits whose name or category contains `q` (every produit when it is empty). */
export const searchProduits = (q: string, signal?: AbortSignal): Promise<Produit[]> =>
  allPages(async (page) => {
    const query = { ...page, q: q.trim() || undefined };
    return (await apiGet<{ produits: Produit[] }>('/api/produits', { query, signal })).produits;
  });

/** Read one, create, change (only the fields sent), its history. */
export const produitsApi = recordApi<Produit, NewProduit, ProduitChanges>('/api/produits');
