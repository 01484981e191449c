import { DataTable } from '../../../components/data-table.js';
import { EtatBadge } from '../../../components/etat-badge.js';
import { PageHeader } from '../../../components/page-header.js';
import { Panel } from '../../../components/panel.js';
import { QueryView } from '../../../components/status.js';
import { getMagasins, namesById } from '../../../lib/api/catalogue.js';
import { listCommandes } from '../../../lib/api/commandes.js';
import { formatCents, formatDateTime, shortId } from '../../../lib/format.js';
import { paths } from '../../../lib/paths.js';
import { Link } from '../../../lib/router.js';
import { useQuery } from '../../../lib/use-query.js';
import u from '../../../styles/utilities.module.css';

/** The signed-in client's own commandes, newest first. */
export function MesCommandesPage({ clientId }: { clientId: number }) {
  const commandes = useQuery(`mes-commandes:${clientId}`, (signal) =>
    listCommandes({ client_id: clientId, limit: 50 }, signal),
  );
  const magasins = useQuery('magasins', getMagasins);
  const noms = namesById(magasins.data);
  return (
    <>
      <PageHeader title="Mes commandes" description="Vos 50 dernières commandes." />
      <Panel aria-label="Vos commandes">
        <QueryView query={commandes} label="Chargement de vos commandes…">
          {(list) =>
            list.length === 0 ? (
              <p className={u.empty}>
                Aucune commande pour l’instant. <Link to={paths.boutique}>Aller à la boutique</Link>
              </p>
            ) : (
              <DataTable
                caption="Vos commandes"
                columns={['Commande', 'Date', 'Magasin', 'État', { label: 'Total', num: true }]}
              >
                {list.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={paths.commande(c.id)} aria-label={`Commande ${shortId(c.id)}`}>
                        <code>{shortId(c.id)}</code>
                      </Link>
                    </td>
                    <td>{formatDateTime(c.created_at)}</td>
                    <td>{noms.get(c.magasin_id) ?? `n° ${c.magasin_id}`}</td>
                    <td>
                      <EtatBadge etat={c.etat} />
                    </td>
                    <td className={u.num}>
                      {c.total_cents === null ? '—' : formatCents(c.total_cents)}
                    </td>
                  </tr>
                ))}
              </DataTable>
            )
          }
        </QueryView>
      </Panel>
    </>
  );
}
