import { DataTable } from '../../../components/data-table.js';
import type { StockLine } from '../../../lib/api-types.js';
import { Panel } from '../../../components/panel.js';
import { formatCount } from '../../../lib/format.js';
import u from '../../../styles/utilities.module.css';
import styles from './stock-alerts.module.css';

const COLUMNS = ['Produit', 'Magasin'];

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
    <Panel aria-labelledby={id}>
      <h2 id={id}>
        {title} <span className={styles.pill}>{lignes.length}</span>
      </h2>
      {lignes.length === 0 ? (
        <p className={u.empty}>{empty}</p>
      ) : (
        <DataTable
          caption={title}
          columns={showQuantite ? [...COLUMNS, { label: 'Quantité', num: true }] : COLUMNS}
        >
          {lignes.map((l) => (
            <tr key={`${l.magasin_id}-${l.produit_id}`}>
              <td>{produits.get(l.produit_id) ?? `Produit n° ${l.produit_id}`}</td>
              <td>{magasins.get(l.magasin_id) ?? `n° ${l.magasin_id}`}</td>
              {showQuantite && <td className={u.num}>{formatCount(l.quantite)}</td>}
            </tr>
          ))}
        </DataTable>
      )}
    </Panel>
  );
}
