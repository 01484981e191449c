import { DataTable } from '../../../components/data-table.js';
import { EtatBadge } from '../../../components/etat-badge.js';
import { formatAge, formatCents, formatDateTime, shortId } from '../../../lib/format.js';
import { paths } from '../../../lib/paths.js';
import { Link } from '../../../lib/router.js';
import { SAGA_ROLES } from '../../../lib/saga-table.js';
import type { Triaged } from '../utils/triage.js';

const COLUMNS = [
  'Commande',
  'Client',
  'Magasin',
  'État',
  { label: 'Total', num: true },
  'Créée',
  'Dernier changement',
  'Action',
];

export function CommandesTable({
  caption,
  rows,
  magasins,
  now,
  busyId,
  onReprendre,
}: {
  caption: string;
  rows: readonly Triaged[];
  magasins: ReadonlyMap<number, string>;
  now: number;
  busyId: string | null;
  onReprendre: (id: string) => void;
}) {
  return (
    <DataTable caption={caption} columns={COLUMNS}>
      {rows.map(({ commande: c, attention }) => (
        <tr key={c.id} className={attention ? `row-${attention}` : undefined}>
          <td>
            <Link to={paths.commande(c.id)} aria-label={`Commande ${shortId(c.id)}`}>
              <code>{shortId(c.id)}</code>
            </Link>
          </td>
          <td>n° {c.client_id}</td>
          <td>{magasins.get(c.magasin_id) ?? `n° ${c.magasin_id}`}</td>
          <td>
            <EtatBadge etat={c.etat} />
            {attention === 'bloquee' && <span className="tag tag-warning">Bloquée</span>}
            {c.echec && <span className="muted small"> {c.echec.code}</span>}
          </td>
          <td className="num">{c.total_cents === null ? '—' : formatCents(c.total_cents)}</td>
          <td>{formatDateTime(c.created_at)}</td>
          <td>{formatAge(c.updated_at, now)}</td>
          <td>
            {c.etat === SAGA_ROLES.parked && (
              <button
                type="button"
                className="button button-small button-primary"
                disabled={busyId !== null}
                aria-label={`Reprendre la commande ${shortId(c.id)}`}
                onClick={() => onReprendre(c.id)}
              >
                {busyId === c.id ? 'Reprise…' : 'Reprendre'}
              </button>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
