import { type ActionSubject, REPRENDRE_EXPLAIN } from '../../../lib/action-subject.js';
import { apiFetch, apiGet } from '../../../lib/api/client.js';
import type { ActionKind, Inscription, InscriptionResume } from '../../../lib/api-types.js';
import { INSCRIPTION_ETAT_LABELS } from '../../../lib/inscription-labels.js';
import { type EtatInscription, INSCRIPTION_ROLES } from '../../../lib/inscription-table.js';
import { paths } from '../../../lib/paths.js';

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

/** "Reprendre" or "Annuler" on a sign-up that waits for an operator (200, or 202 running on). */
async function actOnInscription(
  action: ActionKind,
  id: string,
  motif: string | null,
): Promise<{ status: number; saga: Inscription }> {
  const res = await apiFetch<{ inscription: Inscription }>(
    'POST',
    `/api/inscriptions/${encodeURIComponent(id)}/${action}`,
    motif === null ? {} : { body: { motif } },
  );
  return { status: res.status, saga: res.body.inscription };
}

/** Parked (a deletion kept failing) or suspended (the activation got no definite answer). */
export const inscriptionWaits = (i: Pick<InscriptionResume, 'etat' | 'suspension'>): boolean =>
  i.etat === INSCRIPTION_ROLES.parked || i.suspension !== null;

export const INSCRIPTION_SUBJECT: ActionSubject<Inscription> = {
  the: 'l’inscription',
  name: 'Inscription',
  explain: {
    reprendre: REPRENDRE_EXPLAIN,
    annuler:
      'Ce qui a été créé est supprimé (le compte client, puis les identifiants) et l’inscription finit annulée. Impossible une fois l’activation engagée : il faut alors la reprendre.',
  },
  act: actOnInscription,
  waits: inscriptionWaits,
  etatLabel: (i) => INSCRIPTION_ETAT_LABELS[i.etat],
  path: paths.inscriptionConsole,
};
