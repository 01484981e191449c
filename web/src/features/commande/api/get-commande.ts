import { apiGet } from '../../../lib/api/client.js';
import type { Commande } from '../../../lib/api-types.js';

export const getCommande = (id: string, signal?: AbortSignal): Promise<Commande> =>
  apiGet<Commande>(`/api/commande/${encodeURIComponent(id)}`, { signal });
