import { Button } from '../../../components/button.js';
import type { Produit } from '../../../lib/api-types.js';
import { cx } from '../../../lib/cx.js';
import { formatCents } from '../../../lib/format.js';
import styles from './produit-card.module.css';

const CATEGORIES: Readonly<Record<string, string>> = {
  epicerie: 'Épicerie',
  maison: 'Maison',
  electromenager: 'Électroménager',
};

const categorieLabel = (c: string): string => CATEGORIES[c] ?? c;

function StockLabel({ quantite }: { quantite: number | undefined }) {
  const [tone, text] =
    quantite === undefined
      ? [styles.none, 'Non vendu ici']
      : quantite === 0
        ? [styles.none, 'Rupture de stock']
        : quantite <= 5
          ? [styles.low, `Plus que ${quantite} en stock`]
          : [styles.ok, `${quantite} en stock`];
  return <span className={cx(styles.stock, tone)}>{text}</span>;
}

/** One produit of the catalogue: its price, the magasin's stock, how many are in the cart. */
export function ProduitCard({
  produit: p,
  quantite,
  dejaPris,
  busy,
  onAdd,
}: {
  produit: Produit;
  /** In the chosen magasin; undefined: not sold there. */
  quantite: number | undefined;
  dejaPris: number;
  busy: boolean;
  onAdd: (produitId: number) => void;
}) {
  return (
    <li className={styles.produit}>
      <span className={styles.categorie}>{categorieLabel(p.categorie)}</span>
      <h3>{p.nom}</h3>
      {p.description !== '' && <p className={styles.description}>{p.description}</p>}
      <p className={styles.prix}>{formatCents(p.prix_cents)}</p>
      <StockLabel quantite={quantite} />
      {dejaPris > 0 && <span className={styles.panier}>{dejaPris} dans le panier</span>}
      <Button
        variant="primary"
        disabled={busy || quantite === undefined || quantite === 0}
        aria-label={`Ajouter au panier : ${p.nom}`}
        onClick={() => onAdd(p.id)}
      >
        Ajouter au panier
      </Button>
    </li>
  );
}
