import type { PanneMode } from '../../lib/api-types.js';
import {
  actionUndoneBy,
  type CallName,
  callSpec,
  PARTICIPANT_CALLS,
} from '../../../../src/lib/participant-calls.js';
import type { Participant } from './api/pannes-api.js';

/** Typed by the participant record: a new service does not compile until it has a label. */
export const PARTICIPANT_LABELS: Readonly<Record<Participant, { nom: string; role: string }>> = {
  panier: { nom: 'Panier', role: 'lit le panier au début de la saga et le vide à la fin' },
  stock: { nom: 'Stock', role: 'réserve les produits, les libère en compensation' },
  client: { nom: 'Comptes clients', role: 'débite le solde, rembourse en compensation' },
  ventes: { nom: 'Ventes', role: 'enregistre la vente : le point de non-retour' },
};

/** An operation is a participant call: its label is the one the participant record gives it. */
export function operationLabel(op: string): string {
  if (!Object.hasOwn(PARTICIPANT_CALLS, op)) return op;
  const name = op as CallName;
  return actionUndoneBy(name) ? `${callSpec(name).label} (compensation)` : callSpec(name).label;
}

export const MODE_LABELS: Readonly<Record<PanneMode, { nom: string; aide: string }>> = {
  indisponible: { nom: 'Indisponible', aide: 'répond 503 sans rien faire : la saga réessaie' },
  lenteur: { nom: 'Lenteur', aide: 'attend plus que le délai de l’orchestrateur, puis 503' },
  refus: { nom: 'Refus', aide: 'refus métier (409) : pas de nouvel essai, la saga compense' },
};

export const MODES = Object.keys(MODE_LABELS) as PanneMode[];
