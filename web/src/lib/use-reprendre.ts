import { useCallback, useState } from 'react';
import type { Commande } from './api-types.js';
import { reprendre } from './api/commandes.js';

export type RepriseResult =
  | { id: string; ok: true; status: number; commande: Commande }
  | { id: string; ok: false; error: unknown };

/** "Reprendre": one at a time, with the operator's own token; the answer stays on screen. */
export function useReprendre(onDone: (result: RepriseResult) => void) {
  const [busyId, setBusyId] = useState<string | null>(null);
  const [result, setResult] = useState<RepriseResult | null>(null);
  const run = useCallback(
    async (id: string): Promise<void> => {
      setBusyId(id);
      setResult(null);
      let outcome: RepriseResult;
      try {
        const { status, commande } = await reprendre(id);
        outcome = { id, ok: true, status, commande };
      } catch (error) {
        outcome = { id, ok: false, error };
      }
      setBusyId(null);
      setResult(outcome);
      onDone(outcome);
    },
    [onDone],
  );
  return { busyId, result, reprendre: run };
}
