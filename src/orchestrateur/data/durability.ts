import type { EtatCommande } from '../checkout/transitions.js';

/**
 * Transitions that may commit without waiting for the WAL flush. Losing one takes a crash
 * of PostgreSQL itself (not of the orchestrator) and only sends the saga back to an earlier
 * forward état, whose idempotent step is re-issued with the same inputs and answers as
 * before. Creation, failures, parking and the end of a saga are always flushed.
 */
const ASYNC: ReadonlySet<EtatCommande> = new Set([
  'PANIER_RECUPERE',
  'STOCK_RESERVE',
  'PAIEMENT_EFFECTUE',
  'COMMANDE_ENREGISTREE',
]);

export const commitsAsync = (to: EtatCommande): boolean => ASYNC.has(to);
