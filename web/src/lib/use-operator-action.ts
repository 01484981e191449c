import { useCallback, useState } from 'react';
import type { ActionSubject } from './action-subject.js';
import type { ActionKind } from './api-types.js';

/** The saga an operator is about to act on: the motif is asked for first. */
export interface ActionRequest {
  action: ActionKind;
  id: string;
}

export type ActionResult<S> = ActionRequest &
  ({ ok: true; status: number; saga: S } | { ok: false; error: unknown });

export interface OperatorAction<S extends { id: string }> {
  subject: ActionSubject<S>;
  asking: ActionRequest | null;
  busy: ActionRequest | null;
  result: ActionResult<S> | null;
  ask(action: ActionKind, id: string): void;
  dismiss(): void;
  confirm(motif: string | null): Promise<void>;
}

/**
 * "Reprendre" and "Annuler" on a commande or a sign-up (`subject`): ask for the motif, then
 * act, one at a time, with the operator's own token; the answer stays on screen until the
 * next action.
 */
export function useOperatorAction<S extends { id: string }>(
  subject: ActionSubject<S>,
  onDone: (result: ActionResult<S>) => void,
): OperatorAction<S> {
  const [asking, setAsking] = useState<ActionRequest | null>(null);
  const [busy, setBusy] = useState<ActionRequest | null>(null);
  const [result, setResult] = useState<ActionResult<S> | null>(null);

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
      let outcome: ActionResult<S>;
      try {
        const { status, saga } = await subject.act(asking.action, asking.id, motif);
        outcome = { ...asking, ok: true, status, saga };
      } catch (error) {
        outcome = { ...asking, ok: false, error };
      }
      setBusy(null);
      setResult(outcome);
      onDone(outcome);
    },
    [asking, onDone, subject],
  );

  return { subject, asking, busy, result, ask, dismiss, confirm };
}
