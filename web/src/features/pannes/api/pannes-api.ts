import { ApiError, apiGet, apiSend } from '../../../lib/api/client.js';
import type { PanneMode, PannesParticipant } from '../../../lib/api-types.js';
import {
  participantServices,
  type ParticipantService,
} from '../../../../../src/lib/participant-calls.js';

/**
 * The participants that mount demo fault switches (DEMO_FAULTS=true): every service of the
 * participant record.
 */
export const PARTICIPANTS = participantServices();
export type Participant = ParticipantService;

/** null when the participant runs without demo faults (the routes answer 404). */
export async function getPannes(
  participant: Participant,
  signal?: AbortSignal,
): Promise<PannesParticipant | null> {
  try {
    return await apiGet<PannesParticipant>(`/api/pannes/${participant}`, { signal });
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

export const setPanne = (
  participant: Participant,
  operation: string,
  mode: PanneMode,
  nombre: number,
): Promise<PannesParticipant> =>
  apiSend<PannesParticipant>('PUT', `/api/pannes/${participant}/${encodeURIComponent(operation)}`, {
    body: { mode, nombre },
  });

export const clearPannes = (participant: Participant): Promise<unknown> =>
  apiSend<unknown>('DELETE', `/api/pannes/${participant}`);

export type PannesState = Record<Participant, PannesParticipant | null>;

export async function getAllPannes(signal?: AbortSignal): Promise<PannesState> {
  const each = await Promise.all(PARTICIPANTS.map((p) => getPannes(p, signal)));
  return Object.fromEntries(PARTICIPANTS.map((p, i) => [p, each[i] ?? null])) as PannesState;
}

export const demoModeOn = (state: PannesState): boolean =>
  PARTICIPANTS.some((p) => state[p] !== null);
