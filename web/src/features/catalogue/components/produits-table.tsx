import { DataTable } from '../../../components/data-table.js';
import type { Produit } from '../../../lib/api-types.js';
import { formatCents, formatDateTime } from '../../../lib/format.js';
import { paths } from '../../../lib/paths.js';
import { Link } from '../../../lib/router.js';
import u from '../../../styles/utilities.module.css';

const COLUMNS = ['Produit', 'Catégorie', { label: 'Prix', num: true }, 'Modifié le'] as const;

/** The produits found, each linking to its page (edit, history). */
export function ProduitsTable({ produits }: { produits: readonly Produit[] }) {
  if (produits.length === 0) return <p className={u.empty}>Aucun produit ne correspond.</p>;
  return (
    <DataTable caption="Produits du catalogue" columns={COLUMNS}>
      {produits.map((p) => (
        <tr key={p.id}>
          <td>
            <Link to={paths.produit(p.id)}>{p.nom}</Link>
          </td>
          <td>{p.categorie}</td>
          <td className={u.num}>{formatCents(p.prix_cents)}</td>
          <td>{formatDateTime(p.updated_at)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
