import { apiFetch, apiGet, apiSend } from '../../../lib/api/client.js';
import type { Client, Commande, Panier } from '../../../lib/api-types.js';

export const getClient = (clientId: number, signal?: AbortSignal): Promise<Client> =>
  apiGet<Client>(`/api/clients/${clientId}`, { signal });

export const getPanier = (clientId: number, signal?: AbortSignal): Promise<Panier> =>
  apiGet<Panier>(`/api/panier/${clientId}`, { signal });

export const ajouterLigne = (clientId: number, produitId: number, quantite = 1): Promise<Panier> =>
  apiSend<Panier>('POST', `/api/panier/${clientId}/lignes`, {
    body: { produit_id: produitId, quantite },
  });

export const changerQuantite = (
  clientId: number,
  produitId: number,
  quantite: number,
): Promise<Panier> =>
  apiSend<Panier>('PUT', `/api/panier/${clientId}/lignes/${produitId}`, { body: { quantite } });

export const retirerLigne = (clientId: number, produitId: number): Promise<Panier> =>
  apiSend<Panier>('DELETE', `/api/panier/${clientId}/lignes/${produitId}`);

/**
 * Starts the checkout saga. The client comes from the token once identity is enforced;
 * the body's client_id must then match it (the orchestrator refuses a mismatch).
 * 201 CONFIRMEE, 202 still running; 409/502 throw an ApiError whose body is the commande.
 */
export async function checkout(
  clientId: number,
  magasinId: number,
  idempotencyKey: string,
): Promise<{ status: number; commande: Commande }> {
  const res = await apiFetch<Commande>('POST', '/api/commande/checkout', {
    body: { client_id: clientId, magasin_id: magasinId },
    headers: { 'Idempotency-Key': idempotencyKey },
  });
  return { status: res.status, commande: res.body };
}
