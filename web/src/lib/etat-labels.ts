import { PARTICIPANT_CALLS } from '../../../src/lib/participant-calls.js';
import {
  type Compensation,
  COMPENSATIONS,
  type EtatCommande,
  isFailure,
  SAGA_ROLES,
} from './saga-table.js';

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

export type EtatTone = 'succes' | 'annule' | 'bloque' | 'echec' | 'encours';

/** The colour family of an état, read off the table's roles. */
export function etatTone(etat: EtatCommande): EtatTone {
  if (etat === SAGA_ROLES.confirmed) return 'succes';
  if (etat === SAGA_ROLES.cancelled) return 'annule';
  if (etat === SAGA_ROLES.parked) return 'bloque';
  return isFailure(etat) ? 'echec' : 'encours';
}
