import { PageHeader } from '../../../components/page-header.js';
import { ErrorMessage, Loading } from '../../../components/status.js';
import { useBoutique } from '../hooks/use-boutique.js';
import styles from './boutique-page.module.css';
import { Catalogue } from './catalogue.js';
import { CheckoutBox } from './checkout-box.js';
import { MagasinPicker } from './magasin-picker.js';
import { PanierPanel } from './panier-panel.js';

type Boutique = ReturnType<typeof useBoutique>;

function CatalogueArea({ b }: { b: Boutique }) {
  if (b.produits.data) {
    return (
      <Catalogue
        produits={b.produits.data}
        stock={b.stockMap}
        inCart={b.inCart}
        busy={b.panier.busy}
        onAdd={(id) => void b.panier.ajouter(id)}
      />
    );
  }
  if (b.produits.error !== undefined) {
    return <ErrorMessage error={b.produits.error} title="Catalogue :" />;
  }
  return <Loading label="Chargement du catalogue…" />;
}

function PanierArea({ b }: { b: Boutique }) {
  const { checkout, panier, client } = b;
  return (
    <PanierPanel actions={panier} client={client.data} noms={b.noms} stock={b.stockMap}>
      <CheckoutBox
        outcome={checkout.outcome}
        pending={checkout.pending}
        retrying={checkout.retrying}
        // A retry stays possible with an empty cart: the lost attempt may have emptied it.
        disabled={
          !checkout.retrying &&
          (!panier.query.data || panier.query.data.lignes.length === 0 || panier.busy)
        }
        context={{ produits: b.noms, soldeCents: client.data?.solde_cents ?? null }}
        onCommander={() => void b.commander()}
      />
    </PanierPanel>
  );
}

/** The shop: pick a magasin, fill the cart from the catalogue, order. */
export function BoutiquePage({ clientId }: { clientId: number }) {
  const b = useBoutique(clientId);
  const nom = b.client.data?.nom;
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
          b.magasins.data && (
            <MagasinPicker magasins={b.magasins.data} value={b.magasinId} onChange={b.setMagasin} />
          )
        }
      />
      {b.magasins.error !== undefined && <ErrorMessage error={b.magasins.error} />}
      {b.stock.error !== undefined && <ErrorMessage error={b.stock.error} title="Stock :" />}
      {b.client.error !== undefined && (
        <ErrorMessage error={b.client.error} title="Votre compte :" />
      )}
      <div className={styles.boutique}>
        <CatalogueArea b={b} />
        <PanierArea b={b} />
      </div>
    </>
  );
}
