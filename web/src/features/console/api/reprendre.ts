import { apiFetch } from '../../../lib/api/client.js';
import type { Commande } from '../../../lib/api-types.js';

/** Resumes a parked commande (operator only): 200 when it ended, 202 while it runs on. */
export async function reprendre(id: string): Promise<{ status: number; commande: Commande }> {
  const res = await apiFetch<Commande>('POST', `/api/commande/${encodeURIComponent(id)}/reprendre`);
  return { status: res.status, commande: res.body };
}
