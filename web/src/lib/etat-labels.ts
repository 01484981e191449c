import { PARTICIPANT_CALLS } from '../../../src/lib/participant-calls.js';
import {
  COMMANDE_FACTS,
  type Compensation,
  COMPENSATIONS,
  type EtatCommande,
} from './saga-table.js';
import type { SagaWords } from './saga-words.js';
import type { EtatTone } from './table-facts.js';

export type { EtatTone };

/** Typed by the table: a new état does not compile until it has a French label. */
export const ETAT_LABELS: Readonly<Record<EtatCommande, string>> = {
  INITIEE: 'Commande créée',
  PANIER_RECUPERE: 'Panier récupéré',
  STOCK_RESERVE: 'Stock réservé',
  PAIEMENT_EFFECTUE: 'Paiement effectué',
  COMMANDE_ENREGISTREE: 'Vente enregistrée',
  CONFIRMEE: 'Commande confirmée',
  ECHEC_PANIER: 'Échec à la lecture du panier',
  ECHEC_STOCK: 'Échec à la réservation du stock',
  ECHEC_PAIEMENT: 'Échec au paiement',
  ECHEC_ENREGISTREMENT: 'Échec à l’enregistrement de la vente',
  COMPENSATION_ECHOUEE: 'Compensation échouée : en attente d’un opérateur',
  ANNULEE: 'Commande annulée',
};

/** A compensation is a participant call of the same name: its label is the record's. */
export const COMPENSATION_LABELS: Readonly<Record<Compensation, string>> = Object.fromEntries(
  COMPENSATIONS.map((c) => [c, PARTICIPANT_CALLS[c].label]),
) as Record<Compensation, string>;

/** Saga steps as the orchestrator names them in `detail.etape` and `echec.etape`. */
const ETAPE_LABELS: Readonly<Record<string, string>> = {
  panier: 'lecture du panier',
  stock: 'réservation du stock',
  paiement: 'paiement',
  vente: 'enregistrement de la vente',
  vider_panier: 'vidage du panier',
};

export const etapeLabel = (etape: string): string => ETAPE_LABELS[etape] ?? etape;

export const compensationLabel = (name: string): string =>
  (COMPENSATION_LABELS as Readonly<Record<string, string>>)[name] ?? name;

/** The colour family of an état, read off the table's roles. */
export const etatTone = (etat: EtatCommande): EtatTone => COMMANDE_FACTS.tone(etat);

export const COMMANDE_WORDS: SagaWords<EtatCommande> = {
  label: ETAT_LABELS,
  tone: etatTone,
  etape: etapeLabel,
  compensation: compensationLabel,
  feminine: (c) => c === 'liberer_stock',
};
