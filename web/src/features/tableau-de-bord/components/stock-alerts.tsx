import type { StockLine } from '../../../lib/api-types.js';
import { formatCount } from '../../../lib/format.js';

export function StockAlertTable({
  id,
  title,
  empty,
  lignes,
  produits,
  magasins,
  showQuantite,
}: {
  id: string;
  title: string;
  empty: string;
  lignes: readonly StockLine[];
  produits: ReadonlyMap<number, string>;
  magasins: ReadonlyMap<number, string>;
  showQuantite: boolean;
}) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span className="pill">{lignes.length}</span>
      </h2>
      {lignes.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Produit</th>
                <th scope="col">Magasin</th>
                {showQuantite && (
                  <th scope="col" className="num">
                    Quantité
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {lignes.map((l) => (
                <tr key={`${l.magasin_id}-${l.produit_id}`}>
                  <td>{produits.get(l.produit_id) ?? `Produit n° ${l.produit_id}`}</td>
                  <td>{magasins.get(l.magasin_id) ?? `n° ${l.magasin_id}`}</td>
                  {showQuantite && <td className="num">{formatCount(l.quantite)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
