import { apiGet } from '../../../lib/api/client.js';
import type { Inscription, InscriptionResume } from '../../../lib/api-types.js';
import type { EtatInscription } from '../../../lib/inscription-table.js';

export interface InscriptionsFilter {
  etat?: EtatInscription | undefined;
  /** 1-200; the orchestrator's default is 50. */
  limit?: number | undefined;
}

/** The latest sign-ups, newest first, without their history (operators only). */
export async function listInscriptions(
  filter: InscriptionsFilter,
  signal?: AbortSignal,
): Promise<InscriptionResume[]> {
  const answer = await apiGet<{ inscriptions: InscriptionResume[] }>('/api/inscriptions', {
    query: { ...filter },
    signal,
  });
  return answer.inscriptions;
}

export async function getInscription(id: string, signal?: AbortSignal): Promise<Inscription> {
  const answer = await apiGet<{ inscription: Inscription }>(
    `/api/inscriptions/${encodeURIComponent(id)}`,
    { signal },
  );
  return answer.inscription;
}
