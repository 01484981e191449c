import { DataTable } from '../../../components/data-table.js';
import { SagaEtatBadge } from '../../../components/etat-badge.js';
import { OperatorButtons } from '../../../components/operator-buttons.js';
import type { ActionKind } from '../../../lib/api-types.js';
import type { ActionRequest } from '../../../lib/use-operator-action.js';
import { inscriptionWaits } from '../api/inscriptions-api.js';
import type { InscriptionResume } from '../../../lib/api-types.js';
import { formatAge, formatDateTime, shortId } from '../../../lib/format.js';
import { INSCRIPTION_WORDS } from '../../../lib/inscription-labels.js';
import { paths } from '../../../lib/paths.js';
import { Link } from '../../../lib/router.js';
import u from '../../../styles/utilities.module.css';
import styles from './inscriptions-table.module.css';

const COLUMNS = [
  'Inscription',
  'Personne',
  'Nom d’utilisateur',
  'État',
  'Compte client',
  'Créée',
  { label: 'Action', hidden: true },
];
const UNDER = `${styles.under} ${u.muted} ${u.small}`;

/** The sign-ups listed, each linked to its saga and, once made, to its client account. */
export function InscriptionsTable({
  rows,
  now,
  busy,
  onAsk,
}: {
  rows: readonly InscriptionResume[];
  now: number;
  busy: ActionRequest | null;
  onAsk: (action: ActionKind, id: string) => void;
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
          <td>
            {i.nom}
            <span className={UNDER}>{i.email}</span>
          </td>
          <td>
            <code>{i.username}</code>
          </td>
          <td>
            <SagaEtatBadge etat={i.etat} words={INSCRIPTION_WORDS} wrap />
            {i.echec && <span className={UNDER}>{i.echec.code}</span>}
          </td>
          <td>
            {i.client_id === null ? (
              '—'
            ) : (
              <Link to={paths.clientConsole(i.client_id)}>n° {i.client_id}</Link>
            )}
          </td>
          <td>
            {formatDateTime(i.created_at)}
            <span className={UNDER}>modifiée {formatAge(i.updated_at, now)}</span>
          </td>
          <td>
            {inscriptionWaits(i) && (
              <OperatorButtons id={i.id} busy={busy} onAsk={onAsk} the="l’inscription" small />
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
