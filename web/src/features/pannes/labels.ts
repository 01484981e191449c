import type { PanneMode } from '../../lib/api-types.js';
import type { Participant } from './api/pannes-api.js';

export const PARTICIPANT_LABELS: Readonly<Record<Participant, { nom: string; role: string }>> = {
  panier: { nom: 'Panier', role: 'lit le panier au début de la saga et le vide à la fin' },
  stock: { nom: 'Stock', role: 'réserve les produits, les libère en compensation' },
  client: { nom: 'Comptes clients', role: 'débite le solde, rembourse en compensation' },
  ventes: { nom: 'Ventes', role: 'enregistre la vente : le point de non-retour' },
};

const OPERATIONS: Readonly<Record<string, string>> = {
  lire: 'Lecture du panier',
  vider: 'Vidage du panier',
  reserver: 'Réservation du stock',
  liberer: 'Libération du stock (compensation)',
  payer: 'Paiement',
  rembourser: 'Remboursement (compensation)',
  enregistrer: 'Enregistrement de la vente',
};

export const operationLabel = (op: string): string => OPERATIONS[op] ?? op;

export const MODE_LABELS: Readonly<Record<PanneMode, { nom: string; aide: string }>> = {
  indisponible: { nom: 'Indisponible', aide: 'répond 503 sans rien faire : la saga réessaie' },
  lenteur: { nom: 'Lenteur', aide: 'attend plus que le délai de l’orchestrateur, puis 503' },
  refus: { nom: 'Refus', aide: 'refus métier (409) : pas de nouvel essai, la saga compense' },
};

export const MODES = Object.keys(MODE_LABELS) as PanneMode[];
