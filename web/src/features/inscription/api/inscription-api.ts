import { apiFetch } from '../../../lib/api/client.js';
import type { Inscription, InscriptionRequest } from '../../../lib/api-types.js';

export interface InscriptionAnswer {
  /** 201 CONFIRMEE, or 202 while it still runs. */
  status: number;
  inscription: Inscription;
}

/**
 * `POST /api/inscriptions` (no token): runs the sign-up saga. `key` is the submission's
 * Idempotency-Key: sent again only to retry the same submission, it never opens two
 * accounts. A 4xx/5xx comes back as an ApiError (a 502 keeps the sign-up in its body).
 */
export async function inscrire(body: InscriptionRequest, key: string): Promise<InscriptionAnswer> {
  const res = await apiFetch<{ inscription: Inscription }>('POST', '/api/inscriptions', {
    body,
    headers: { 'Idempotency-Key': key },
  });
  return { status: res.status, inscription: res.body.inscription };
}
