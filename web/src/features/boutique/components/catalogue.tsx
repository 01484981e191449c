import { useState } from 'react';
import type { Produit } from '../../../lib/api-types.js';
import { formatCents } from '../../../lib/format.js';

export type StockByProduit = ReadonlyMap<number, number>;

function StockLabel({ quantite }: { quantite: number | undefined }) {
  if (quantite === undefined) return <span className="stock stock-none">Non vendu ici</span>;
  if (quantite === 0) return <span className="stock stock-none">Rupture de stock</span>;
  if (quantite <= 5) return <span className="stock stock-low">Plus que {quantite} en stock</span>;
  return <span className="stock stock-ok">{quantite} en stock</span>;
}

const CATEGORIES: Readonly<Record<string, string>> = {
  epicerie: 'Épicerie',
  maison: 'Maison',
  electromenager: 'Électroménager',
};

export const categorieLabel = (c: string): string => CATEGORIES[c] ?? c;

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
    <section className="panel" aria-labelledby="catalogue-title">
      <div className="panel-head">
        <h2 id="catalogue-title">Catalogue</h2>
        <div className="field field-inline">
          <label htmlFor="recherche">Rechercher</label>
          <input
            id="recherche"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="café, tasse…"
          />
        </div>
      </div>
      {shown.length === 0 && <p className="empty">Aucun produit ne correspond.</p>}
      <ul className="produits">
        {shown.map((p) => {
          const quantite = stock?.get(p.id);
          const dejaPris = inCart.get(p.id) ?? 0;
          return (
            <li key={p.id} className="produit">
              <span className="produit-categorie">{categorieLabel(p.categorie)}</span>
              <h3>{p.nom}</h3>
              <p className="produit-prix">{formatCents(p.prix_cents)}</p>
              <StockLabel quantite={quantite} />
              {dejaPris > 0 && <span className="produit-panier">{dejaPris} dans le panier</span>}
              <button
                type="button"
                className="button button-primary"
                disabled={busy || quantite === undefined || quantite === 0}
                aria-label={`Ajouter au panier : ${p.nom}`}
                onClick={() => onAdd(p.id)}
              >
                Ajouter au panier
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
