import { useCallback, useState } from 'react';
import type { ActionKind, Commande } from './api-types.js';
import { actOn } from './api/commandes.js';

/** The commande an operator is about to act on: the motif is asked for first. */
export interface ActionRequest {
  action: ActionKind;
  id: string;
}

export type ActionResult = ActionRequest &
  ({ ok: true; status: number; commande: Commande } | { ok: false; error: unknown });

/**
 * "Reprendre" and "Annuler": ask for the motif, then act, one at a time, with the
 * operator's own token; the answer stays on screen until the next action.
 */
export function useOperatorAction(onDone: (result: ActionResult) => void) {
  const [asking, setAsking] = useState<ActionRequest | null>(null);
  const [busy, setBusy] = useState<ActionRequest | null>(null);
  const [result, setResult] = useState<ActionResult | null>(null);

  const ask = useCallback((action: ActionKind, id: string): void => {
    setResult(null);
    setAsking({ action, id });
  }, []);
  const dismiss = useCallback((): void => setAsking(null), []);

  const confirm = useCallback(
    async (motif: string | null): Promise<void> => {
      if (asking === null) return;
      setAsking(null);
      setBusy(asking);
      let outcome: ActionResult;
      try {
        const { status, commande } = await actOn(asking.action, asking.id, motif);
        outcome = { ...asking, ok: true, status, commande };
      } catch (error) {
        outcome = { ...asking, ok: false, error };
      }
      setBusy(null);
      setResult(outcome);
      onDone(outcome);
    },
    [asking, onDone],
  );

  return { asking, busy, result, ask, dismiss, confirm };
}

export type OperatorAction = ReturnType<typeof useOperatorAction>;
