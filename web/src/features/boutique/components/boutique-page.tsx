import { useMemo } from 'react';
import { PageHeader } from '../../../components/page-header.js';
import { ErrorMessage, Loading } from '../../../components/status.js';
import { getMagasins, getProduits, namesById } from '../../../lib/api/catalogue.js';
import { paths } from '../../../lib/paths.js';
import { navigate, useLocation } from '../../../lib/router.js';
import { useQuery } from '../../../lib/use-query.js';
import { getClient, getStock } from '../api/boutique-api.js';
import { useCheckout } from '../hooks/use-checkout.js';
import { usePanier } from '../hooks/use-panier.js';
import { Catalogue, type StockByProduit } from './catalogue.js';
import { CheckoutBox } from './checkout-box.js';
import { MagasinPicker } from './magasin-picker.js';
import { PanierPanel } from './panier-panel.js';

/** The chosen magasin lives in the address (?magasin=2): it survives a reload or a re-login. */
function useMagasinParam(): [number | null, (id: number) => void] {
  const location = useLocation();
  const raw = new URLSearchParams(location.split('?')[1] ?? '').get('magasin');
  const id = raw !== null && /^\d+$/.test(raw) ? Number(raw) : null;
  return [id, (next) => navigate(`${paths.boutique}?magasin=${next}`, { replace: true })];
}

export function BoutiquePage({ clientId }: { clientId: number }) {
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

  const nom = client.data?.nom;
  return (
    <>
      <PageHeader
        title="Boutique"
        description={
          nom
            ? `Bonjour ${nom}. Choisissez un magasin, remplissez votre panier, commandez.`
            : undefined
        }
        actions={
          magasins.data && (
            <MagasinPicker magasins={magasins.data} value={magasinId} onChange={setMagasin} />
          )
        }
      />
      {magasins.error !== undefined && <ErrorMessage error={magasins.error} />}
      {stock.error !== undefined && <ErrorMessage error={stock.error} title="Stock :" />}
      {client.error !== undefined && <ErrorMessage error={client.error} title="Votre compte :" />}
      <div className="boutique">
        {produits.data ? (
          <Catalogue
            produits={produits.data}
            stock={stockMap}
            inCart={inCart}
            busy={panier.busy}
            onAdd={(id) => void panier.ajouter(id)}
          />
        ) : produits.error !== undefined ? (
          <ErrorMessage error={produits.error} title="Catalogue :" />
        ) : (
          <Loading label="Chargement du catalogue…" />
        )}
        <PanierPanel actions={panier} client={client.data} noms={noms} stock={stockMap}>
          <CheckoutBox
            outcome={checkout.outcome}
            pending={checkout.pending}
            retrying={checkout.retrying}
            // A retry stays possible with an empty cart: the lost attempt may have emptied it.
            disabled={
              !checkout.retrying &&
              (!panier.query.data || panier.query.data.lignes.length === 0 || panier.busy)
            }
            context={{ produits: noms, soldeCents: client.data?.solde_cents ?? null }}
            onCommander={() => void commander()}
          />
        </PanierPanel>
      </div>
    </>
  );
}
