import { useMemo } from 'react';
import { getMagasins, getProduits, namesById } from '../../../lib/api/catalogue.js';
import { paths } from '../../../lib/paths.js';
import { navigate, useLocation } from '../../../lib/router.js';
import { useQuery } from '../../../lib/use-query.js';
import { getStock } from '../../../lib/api/stock.js';
import { getClient } from '../api/boutique-api.js';
import { useCheckout } from './use-checkout.js';
import { usePanier } from './use-panier.js';

/** How many of each produit the chosen magasin holds. */
export type StockByProduit = ReadonlyMap<number, number>;

/** The chosen magasin lives in the address (?magasin=2): it survives a reload or a re-login. */
function useMagasinParam(): [number | null, (id: number) => void] {
  const location = useLocation();
  const raw = new URLSearchParams(location.split('?')[1] ?? '').get('magasin');
  const id = raw !== null && /^\d+$/.test(raw) ? Number(raw) : null;
  return [id, (next) => navigate(`${paths.boutique}?magasin=${next}`, { replace: true })];
}

/** What the shop shows and does: catalogue, stock of the chosen magasin, account, cart, order. */
export function useBoutique(clientId: number) {
  const [magasinParam, setMagasin] = useMagasinParam();
  const magasins = useQuery('magasins', getMagasins);
  const produits = useQuery('produits', getProduits);
  const magasinId = magasinParam ?? magasins.data?.[0]?.id ?? null;
  const stock = useQuery(magasinId === null ? null : `stock:${magasinId}`, (signal) =>
    getStock(magasinId ?? 0, signal),
  );
  const client = useQuery(`client:${clientId}`, (signal) => getClient(clientId, signal));
  const panier = usePanier(clientId);
  const checkout = useCheckout(clientId, magasinId);

  const noms = useMemo(() => namesById(produits.data), [produits.data]);
  const stockMap: StockByProduit | undefined = useMemo(
    () => stock.data && new Map(stock.data.map((s) => [s.produit_id, s.quantite])),
    [stock.data],
  );
  const inCart = useMemo(
    () => new Map((panier.query.data?.lignes ?? []).map((l) => [l.produit_id, l.quantite])),
    [panier.query.data],
  );

  const commander = async (): Promise<void> => {
    const result = await checkout.commander();
    if (!result) return;
    if (result.kind === 'acceptee') {
      navigate(paths.commande(result.commande.id));
      return;
    }
    // A refusal changed nothing, but show the truth: balance, stock and cart as they are now.
    client.reload();
    stock.reload();
    panier.query.reload();
  };

  return {
    magasins,
    produits,
    stock,
    client,
    panier,
    checkout,
    commander,
    magasinId,
    setMagasin,
    noms,
    stockMap,
    inCart,
  };
}
