import type { EtatCommande } from '../checkout/transitions.js';

/**
 * Transitions that may commit without waiting for the WAL flush. A crash of PostgreSQL
 * itself (not of the orchestrator) can lose any number of them since the last flushed
 * commit, sending the saga back to an earlier forward état; the steps from there are
 * re-issued with the same inputs (the cart snapshot in PANIER_RECUPERE is always flushed,
 * before any effect) and the same idempotency keys, so they answer as before. Creation,
 * the cart snapshot, failures, parking and the end of a saga are always flushed.
 */
const ASYNC: ReadonlySet<EtatCommande> = new Set([
  'STOCK_RESERVE',
  'PAIEMENT_EFFECTUE',
  'COMMANDE_ENREGISTREE',
]);

export const commitsAsync = (to: EtatCommande): boolean => ASYNC.has(to);
