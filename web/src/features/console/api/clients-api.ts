import { apiGet, apiSend } from '../../../lib/api/client.js';
import type { Client } from '../../../lib/api-types.js';

/** The client service's largest page. */
export const CLIENTS_PAGE = 500;

/** Client accounts by id (operators only); `offset` pages through them. */
export async function listClients(offset: number, signal?: AbortSignal): Promise<Client[]> {
  const answer = await apiGet<{ clients: Client[] }>('/api/clients', {
    query: { limit: CLIENTS_PAGE, offset },
    signal,
  });
  return answer.clients;
}

export const getClient = (id: number, signal?: AbortSignal): Promise<Client> =>
  apiGet<Client>(`/api/clients/${id}`, { signal });

/** Adds money to the balance; answers the account as it now is. */
export const crediterClient = (id: number, montantCents: number): Promise<Client> =>
  apiSend<Client>('POST', `/api/clients/${id}/crediter`, { body: { montant_cents: montantCents } });
