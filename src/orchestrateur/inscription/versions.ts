import { DefinitionRegistry } from '../../saga/index.js';
import type { InscriptionData } from './inscription.js';
import {
  type InscriptionParticipants,
  type InscriptionSaga,
  inscriptionSaga,
  type SecretVault,
} from './inscription-saga.js';
import type { CompensationInscription, EtatInscription } from './transitions.js';

export type InscriptionDefinitions = DefinitionRegistry<
  EtatInscription,
  CompensationInscription,
  InscriptionData
>;

/**
 * The sign-up definitions this build drives: the current one and any earlier ones kept
 * until none of their sagas remains (none today), as for the checkout (checkout/versions.ts).
 */
export function inscriptionDefinitions(
  p: InscriptionParticipants,
  vault: SecretVault,
  earlier: readonly InscriptionSaga[] = [],
): InscriptionDefinitions {
  return new DefinitionRegistry(inscriptionSaga(p, vault), earlier);
}
