import { DataTable } from '../../../components/data-table.js';
import { SagaEtatBadge } from '../../../components/etat-badge.js';
import type { InscriptionResume } from '../../../lib/api-types.js';
import { formatAge, formatDateTime, shortId } from '../../../lib/format.js';
import { INSCRIPTION_WORDS } from '../../../lib/inscription-labels.js';
import { paths } from '../../../lib/paths.js';
import { Link } from '../../../lib/router.js';
import u from '../../../styles/utilities.module.css';

const COLUMNS = [
  'Inscription',
  'Nom',
  'Nom d’utilisateur',
  'E-mail',
  'État',
  'Compte client',
  'Créée',
  'Dernier changement',
];

/** The sign-ups listed, each linked to its saga and, once made, to its client account. */
export function InscriptionsTable({
  rows,
  now,
}: {
  rows: readonly InscriptionResume[];
  now: number;
}) {
  return (
    <DataTable caption="Inscriptions" columns={COLUMNS}>
      {rows.map((i) => (
        <tr key={i.id}>
          <td>
            <Link to={paths.inscriptionConsole(i.id)} aria-label={`Inscription ${shortId(i.id)}`}>
              <code>{shortId(i.id)}</code>
            </Link>
          </td>
          <td>{i.nom}</td>
          <td>
            <code>{i.username}</code>
          </td>
          <td>{i.email}</td>
          <td>
            <SagaEtatBadge etat={i.etat} words={INSCRIPTION_WORDS} wrap />
            {i.echec && <span className={`${u.muted} ${u.small}`}> {i.echec.code}</span>}
          </td>
          <td>
            {i.client_id === null ? (
              '—'
            ) : (
              <Link to={paths.clientConsole(i.client_id)}>n° {i.client_id}</Link>
            )}
          </td>
          <td>{formatDateTime(i.created_at)}</td>
          <td>{formatAge(i.updated_at, now)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
