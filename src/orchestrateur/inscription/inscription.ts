import type { SagaRecord } from '../../saga/index.js';
import type { EtatInscription } from './transitions.js';

/** What the sign-up saga carries from step to step (persisted with each transition). */
export interface InscriptionData {
  nom: string;
  email: string;
  username: string;
  /** null until the client record is created. */
  client_id: number | null;
}

/**
 * What the request brings that is never written anywhere by the orchestrator: the password
 * (and the address the auth service throttles on). Held in memory by the instance that
 * took the request, until the credentials step is done.
 */
export interface InscriptionSecret {
  password: string;
  adresse: string;
}

/** Something an operator did to a sign-up: who, why, and the état it was in. */
export interface InscriptionAction {
  action: 'reprendre' | 'annuler';
  par: string;
  motif: string | null;
  etat: EtatInscription;
  at: Date;
}

/** A sign-up: where its saga stands, what it carries, and how it got there. */
export interface Inscription extends SagaRecord<EtatInscription, InscriptionData> {
  /** Oldest first; read with the sign-up for its own page. */
  readonly actions?: readonly InscriptionAction[];
}

/** Which sign-ups a list shows. */
export interface InscriptionFilter {
  etat?: EtatInscription | undefined;
  limit: number;
}
