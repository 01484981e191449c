import { DataTable } from '../../../components/data-table.js';
import type { StockLine } from '../../../lib/api-types.js';
import { formatCount, formatDateTime } from '../../../lib/format.js';
import { paths } from '../../../lib/paths.js';
import { Link } from '../../../lib/router.js';
import u from '../../../styles/utilities.module.css';

const COLUMNS = ['Produit', { label: 'Quantité', num: true }, 'Modifié le'] as const;

/** The magasin's lines, each linking to its page (set, adjust, history). */
export function NiveauxTable({
  caption,
  lignes,
  noms,
  empty,
}: {
  caption: string;
  lignes: readonly StockLine[];
  noms: ReadonlyMap<number, string>;
  empty: string;
}) {
  if (lignes.length === 0) return <p className={u.empty}>{empty}</p>;
  return (
    <DataTable caption={caption} columns={COLUMNS}>
      {lignes.map((l) => {
        const nom = noms.get(l.produit_id) ?? `Produit n° ${l.produit_id}`;
        return (
          <tr key={l.produit_id}>
            <td>
              <Link to={paths.stockLigne(l.magasin_id, l.produit_id)}>{nom}</Link>
            </td>
            <td className={u.num}>{l.quantite === 0 ? 'Rupture' : formatCount(l.quantite)}</td>
            <td>{formatDateTime(l.updated_at)}</td>
          </tr>
        );
      })}
    </DataTable>
  );
}
