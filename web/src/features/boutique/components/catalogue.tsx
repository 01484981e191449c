import { useState } from 'react';
import { LabelledField } from '../../../components/fields.js';
import { Panel, PanelHead } from '../../../components/panel.js';
import type { Produit } from '../../../lib/api-types.js';
import { cx } from '../../../lib/cx.js';
import u from '../../../styles/utilities.module.css';
import type { StockByProduit } from '../hooks/use-boutique.js';
import styles from './catalogue.module.css';
import { ProduitCard } from './produit-card.js';

/** Every produit, narrowed by a search on its name. */
export function Catalogue({
  produits,
  stock,
  inCart,
  busy,
  onAdd,
}: {
  produits: readonly Produit[];
  stock: StockByProduit | undefined;
  inCart: ReadonlyMap<number, number>;
  busy: boolean;
  onAdd: (produitId: number) => void;
}) {
  const [search, setSearch] = useState('');
  const needle = search.trim().toLocaleLowerCase('fr');
  const shown = produits.filter((p) => p.nom.toLocaleLowerCase('fr').includes(needle));
  return (
    <Panel aria-labelledby="catalogue-title">
      <PanelHead>
        <h2 id="catalogue-title">Catalogue</h2>
        <LabelledField id="recherche" label="Rechercher" inline>
          <input
            id="recherche"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="café, tasse…"
          />
        </LabelledField>
      </PanelHead>
      {shown.length === 0 && <p className={u.empty}>Aucun produit ne correspond.</p>}
      <ul className={cx(u.bareList, styles.produits)}>
        {shown.map((p) => (
          <ProduitCard
            key={p.id}
            produit={p}
            quantite={stock?.get(p.id)}
            dejaPris={inCart.get(p.id) ?? 0}
            busy={busy}
            onAdd={onAdd}
          />
        ))}
      </ul>
    </Panel>
  );
}
