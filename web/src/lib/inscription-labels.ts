import { INSCRIPTION_CALLS } from '../../../src/lib/inscription-calls.js';
import {
  type CompensationInscription,
  type EtatInscription,
  INSCRIPTION_FACTS,
} from './inscription-table.js';
import type { SagaWords } from './saga-words.js';

/** Typed by the table: a new état does not compile until it has a French label. */
export const INSCRIPTION_ETAT_LABELS: Readonly<Record<EtatInscription, string>> = {
  INITIEE: 'Inscription reçue',
  IDENTIFIANTS_RESERVES: 'Identifiants réservés',
  CLIENT_CREE: 'Compte client créé',
  CONFIRMEE: 'Inscription confirmée',
  ECHEC_IDENTIFIANTS: 'Échec à la réservation des identifiants',
  ECHEC_CLIENT: 'Échec à la création du compte client',
  ECHEC_ACTIVATION: 'Échec à l’activation des identifiants',
  COMPENSATION_ECHOUEE: 'Compensation échouée : en attente d’un opérateur',
  ANNULEE: 'Inscription annulée',
};

/** A compensation is a participant call of the same name: its label is the record's. */
const COMPENSATION_LABELS: Readonly<Record<CompensationInscription, string>> = {
  supprimer_identifiants: INSCRIPTION_CALLS.supprimer_identifiants.label,
  supprimer_client: INSCRIPTION_CALLS.supprimer_client.label,
};

/** The sign-up's steps as the orchestrator names them in `detail.etape` and `echec.etape`. */
const ETAPE_LABELS: Readonly<Record<string, string>> = {
  identifiants: 'réservation des identifiants',
  client: 'création du compte client',
  activation: 'activation des identifiants',
};

export const INSCRIPTION_WORDS: SagaWords<EtatInscription> = {
  label: INSCRIPTION_ETAT_LABELS,
  tone: INSCRIPTION_FACTS.tone,
  etape: (etape) => ETAPE_LABELS[etape] ?? etape,
  compensation: (name) => (COMPENSATION_LABELS as Readonly<Record<string, string>>)[name] ?? name,
  // « Suppression des identifiants », « Suppression du compte client ».
  feminine: () => true,
};
