import { EtatBadge } from '../../../components/etat-badge.js';
import { formatAge, formatCents, formatDateTime, shortId } from '../../../lib/format.js';
import { paths } from '../../../lib/paths.js';
import { Link } from '../../../lib/router.js';
import { SAGA_ROLES } from '../../../lib/saga-table.js';
import type { Triaged } from '../utils/triage.js';

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
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Commande</th>
            <th scope="col">Client</th>
            <th scope="col">Magasin</th>
            <th scope="col">État</th>
            <th scope="col" className="num">
              Total
            </th>
            <th scope="col">Créée</th>
            <th scope="col">Dernier changement</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
  );
}
