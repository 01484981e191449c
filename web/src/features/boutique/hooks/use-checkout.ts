import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../../../lib/api/client.js';
import type { Commande } from '../../../lib/api-types.js';
import { isEtat } from '../../../lib/saga-table.js';
import { randomId } from '../../../lib/uuid.js';
import { checkout } from '../api/boutique-api.js';

export type CheckoutOutcome =
  /** 201 (CONFIRMEE) or 202 (still running): the saga has the commande. */
  | { kind: 'acceptee'; commande: Commande }
  /** 409/502: the saga ended without selling (ANNULEE, or parked for an operator). */
  | { kind: 'refusee'; commande: Commande }
  /** No answer, or not started (503): retrying reuses the same key, so it cannot order twice. */
  | { kind: 'a-reessayer'; error: unknown }
  | { kind: 'erreur'; error: unknown };

const isCommande = (body: unknown): body is Commande => {
  const c = body as Partial<Commande> | undefined;
  return typeof c?.id === 'string' && typeof c.etat === 'string' && isEtat(c.etat);
};

/** Worth retrying with the same key: the request may or may not have reached the saga. */
const retryable = (err: ApiError): boolean =>
  err.isNetwork || err.status === 503 || err.status === 504 || err.status === 429;

/**
 * "Commander": one Idempotency-Key per attempt, kept until an answer comes back, so a
 * retry after a network error (or a double click) replays the same commande instead of
 * ordering twice. A second call while one is in flight is ignored.
 */
export function useCheckout(clientId: number, magasinId: number | null) {
  const attempt = useRef<{ key: string; magasinId: number } | null>(null);
  const inFlight = useRef(false);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<CheckoutOutcome | null>(null);

  const commander = useCallback(async (): Promise<CheckoutOutcome | null> => {
    if (inFlight.current || magasinId === null) return null;
    inFlight.current = true;
    setPending(true);
    const reuse = attempt.current?.magasinId === magasinId ? attempt.current : null;
    const current = reuse ?? { key: randomId(), magasinId };
    attempt.current = current;
    let result: CheckoutOutcome;
    try {
      const { commande } = await checkout(clientId, magasinId, current.key);
      result = { kind: 'acceptee', commande };
    } catch (error) {
      if (error instanceof ApiError && isCommande(error.body)) {
        result = { kind: 'refusee', commande: error.body };
      } else if (error instanceof ApiError && retryable(error)) {
        result = { kind: 'a-reessayer', error };
      } else {
        result = { kind: 'erreur', error };
      }
    } finally {
      inFlight.current = false;
      setPending(false);
    }
    // Only an unanswered attempt keeps its key; any answer closes it.
    if (result.kind !== 'a-reessayer') attempt.current = null;
    setOutcome(result);
    return result;
  }, [clientId, magasinId]);

  const dismiss = useCallback(() => setOutcome(null), []);
  return { commander, pending, outcome, dismiss, retrying: outcome?.kind === 'a-reessayer' };
}
