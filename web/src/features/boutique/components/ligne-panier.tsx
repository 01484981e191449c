import { Button } from '../../../components/button.js';
import type { Panier } from '../../../lib/api-types.js';
import { cx } from '../../../lib/cx.js';
import { formatCents } from '../../../lib/format.js';
import u from '../../../styles/utilities.module.css';
import type { PanierActions } from '../hooks/use-panier.js';
import styles from './ligne-panier.module.css';

/** − quantity +, each button named after the produit. */
function Stepper({
  nom,
  id,
  quantite,
  actions,
}: {
  nom: string;
  id: number;
  quantite: number;
  actions: PanierActions;
}) {
  const step = (by: number, label: string, sign: string) => (
    <Button
      variant="icon"
      aria-label={`${label} un ${nom}`}
      disabled={actions.busy}
      onClick={() => void actions.changer(id, quantite + by)}
    >
      {sign}
    </Button>
  );
  return (
    <div className={styles.stepper} role="group" aria-label={`Quantité de ${nom}`}>
      {step(-1, 'Retirer', '−')}
      <output aria-live="polite" aria-label={`Quantité de ${nom}`}>
        {quantite}
      </output>
      {step(1, 'Ajouter', '+')}
    </div>
  );
}

/** One line of the cart: the produit, its quantity, its total; warned when the stock is short. */
export function LignePanier({
  nom,
  ligne,
  disponible,
  actions,
}: {
  nom: string;
  ligne: Panier['lignes'][number];
  disponible: number | undefined;
  actions: PanierActions;
}) {
  const { produit_id: id, quantite } = ligne;
  const manque = disponible !== undefined && quantite > disponible;
  return (
    <li className={styles.ligne}>
      <div className={styles.nom}>
        <span>{nom}</span>
        <span className={styles.unite}>{formatCents(ligne.prix_unitaire_cents)} l’unité</span>
        {manque && (
          <span className={styles.warning}>
            {disponible === 0
              ? 'En rupture dans ce magasin'
              : `Seulement ${disponible} en stock dans ce magasin`}
          </span>
        )}
      </div>
      <Stepper nom={nom} id={id} quantite={quantite} actions={actions} />
      <span className={cx(styles.total, u.num)}>
        {formatCents(quantite * ligne.prix_unitaire_cents)}
      </span>
      <Button
        variant="link"
        className={styles.remove}
        disabled={actions.busy}
        aria-label={`Supprimer ${nom} du panier`}
        onClick={() => void actions.retirer(id)}
      >
        Supprimer
      </Button>
    </li>
  );
}
