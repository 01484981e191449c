import { DataTable } from '../../../components/data-table.js';
import { EtatBadge } from '../../../components/etat-badge.js';
import { OperatorButtons } from '../../../components/operator-buttons.js';
import type { ActionKind, CommandeSummary } from '../../../lib/api-types.js';
import { waitsForOperator } from '../../../lib/api/commandes.js';
import { etapeLabel } from '../../../lib/etat-labels.js';
import { formatAge, formatCents, formatDateTime, shortId } from '../../../lib/format.js';
import { paths } from '../../../lib/paths.js';
import { Link } from '../../../lib/router.js';
import { cx } from '../../../lib/cx.js';
import type { ActionRequest } from '../../../lib/use-operator-action.js';
import u from '../../../styles/utilities.module.css';
import type { Triaged } from '../utils/triage.js';
import styles from './commandes-table.module.css';
import { LastAction } from './last-action.js';

const CAUSE = cx(styles.cause, u.muted, u.small);
const ROW_TONE = { 'en-attente': styles.enAttente, bloquee: styles.bloquee } as const;

/** Why the row needs (or needed) someone: the failure, or the step that keeps failing. */
function Cause({ commande: c }: { commande: CommandeSummary }) {
  if (c.suspension) {
    return (
      <span className={CAUSE}>
        suspendue à l’étape « {etapeLabel(c.suspension.etape)} » ({c.suspension.code})
      </span>
    );
  }
  return c.echec ? <span className={CAUSE}>{c.echec.code}</span> : null;
}

/**
 * The saga definition the commande started under: during a rolling upgrade, only an
 * instance that drives that version takes it on (sagas_par_definition counts them).
 */
function Definition({ commande: c }: { commande: CommandeSummary }) {
  return (
    <span
      className={CAUSE}
      title={`Définition ${c.definition.nom}, version ${c.definition.version}`}
    >
      {c.definition.nom} · v. {c.definition.version}
    </span>
  );
}

const COLUMNS = [
  'Commande',
  'Client',
  'Magasin',
  'État',
  { label: 'Total', num: true },
  'Créée',
  'Dernier changement',
  'Dernière action',
  'Action',
];

export function CommandesTable({
  caption,
  rows,
  magasins,
  now,
  busy,
  onAsk,
}: {
  caption: string;
  rows: readonly Triaged[];
  magasins: ReadonlyMap<number, string>;
  now: number;
  busy: ActionRequest | null;
  onAsk: (action: ActionKind, id: string) => void;
}) {
  return (
    <DataTable caption={caption} columns={COLUMNS}>
      {rows.map(({ commande: c, attention }) => (
        <tr key={c.id} className={attention ? ROW_TONE[attention] : undefined}>
          <td>
            <Link to={paths.commande(c.id)} aria-label={`Commande ${shortId(c.id)}`}>
              <code>{shortId(c.id)}</code>
            </Link>
            <Definition commande={c} />
          </td>
          <td>n° {c.client_id}</td>
          <td>{magasins.get(c.magasin_id) ?? `n° ${c.magasin_id}`}</td>
          <td className={styles.etat}>
            <EtatBadge etat={c.etat} wrap />
            {attention === 'bloquee' && <span className={styles.tag}>Bloquée</span>}
            {c.suspension && <span className={styles.tag}>Suspendue</span>}
            <Cause commande={c} />
          </td>
          <td className={u.num}>{c.total_cents === null ? '—' : formatCents(c.total_cents)}</td>
          <td>{formatDateTime(c.created_at)}</td>
          <td>{formatAge(c.updated_at, now)}</td>
          <td>
            <LastAction action={c.derniere_action} now={now} />
          </td>
          <td>
            {waitsForOperator(c) && <OperatorButtons id={c.id} busy={busy} onAsk={onAsk} small />}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
