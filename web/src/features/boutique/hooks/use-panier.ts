import { useCallback, useState } from 'react';
import type { Panier } from '../../../lib/api-types.js';
import { useQuery } from '../../../lib/use-query.js';
import { ajouterLigne, changerQuantite, getPanier, retirerLigne } from '../api/boutique-api.js';

/** The client's cart as the panier service holds it; every change answers the new cart. */
export function usePanier(clientId: number) {
  const query = useQuery(`panier:${clientId}`, (signal) => getPanier(clientId, signal));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const { mutate } = query;

  const run = useCallback(
    async (change: () => Promise<Panier>): Promise<void> => {
      setBusy(true);
      setError(undefined);
      try {
        mutate(await change());
      } catch (err) {
        setError(err);
      } finally {
        setBusy(false);
      }
    },
    [mutate],
  );

  return {
    query,
    busy,
    error,
    ajouter: (produitId: number, quantite = 1) =>
      run(() => ajouterLigne(clientId, produitId, quantite)),
    changer: (produitId: number, quantite: number) =>
      run(() =>
        quantite > 0
          ? changerQuantite(clientId, produitId, quantite)
          : retirerLigne(clientId, produitId),
      ),
    retirer: (produitId: number) => run(() => retirerLigne(clientId, produitId)),
  };
}

export type PanierActions = ReturnType<typeof usePanier>;
