import { useCallback, useState } from 'react';
import type { Commande } from '../../../lib/api-types.js';
import { reprendre } from '../api/reprendre.js';

export type RepriseResult =
  | { id: string; ok: true; status: number; commande: Commande }
  | { id: string; ok: false; error: unknown };

/** "Reprendre": one at a time, with the operator's own token; the answer stays on screen. */
export function useReprendre(onDone: () => void) {
  const [busyId, setBusyId] = useState<string | null>(null);
  const [result, setResult] = useState<RepriseResult | null>(null);
  const run = useCallback(
    async (id: string): Promise<void> => {
      setBusyId(id);
      setResult(null);
      try {
        const { status, commande } = await reprendre(id);
        setResult({ id, ok: true, status, commande });
      } catch (error) {
        setResult({ id, ok: false, error });
      } finally {
        setBusyId(null);
        onDone();
      }
    },
    [onDone],
  );
  return { busyId, result, reprendre: run };
}
