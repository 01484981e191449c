/**
 * The sign-up saga's state machine as the front reads it: imported from the orchestrator's
 * own source (pure data), like the commande's (saga-table.ts).
 */
import {
  type CompensationInscription,
  type EtatInscription,
  ROLES_INSCRIPTION,
  transitionsInscription,
} from '../../../src/orchestrateur/inscription/transitions.js';
import { tableFacts } from './table-facts.js';

export type { CompensationInscription, EtatInscription };

export const INSCRIPTION_ROLES = ROLES_INSCRIPTION;
export const INSCRIPTION_FACTS = tableFacts(transitionsInscription, ROLES_INSCRIPTION);
