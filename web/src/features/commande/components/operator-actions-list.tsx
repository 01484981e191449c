import type { ActionOperateur } from '../../../lib/api-types.js';
import { actionBy } from '../../../lib/action-labels.js';
import { ETAT_LABELS } from '../../../lib/etat-labels.js';
import { Panel } from '../../../components/panel.js';
import { formatDateTime } from '../../../lib/format.js';
import u from '../../../styles/utilities.module.css';
import styles from './operator-actions-list.module.css';

/** What operators did to this commande, oldest first: who, when, from which état, why. */
export function OperatorActionsList({ actions }: { actions: readonly ActionOperateur[] }) {
  return (
    <Panel aria-labelledby="actions-operateur-title">
      <h2 id="actions-operateur-title">Actions des opérateurs</h2>
      {actions.length === 0 ? (
        <p className={u.empty}>Aucun opérateur n’est intervenu sur cette commande.</p>
      ) : (
        <ol className={styles.actions}>
          {actions.map((a) => (
            <li key={`${a.at}-${a.action}`}>
              <p>
                <strong>{actionBy(a.action, a.par)}</strong> le{' '}
                <time dateTime={a.at}>{formatDateTime(a.at)}</time>, alors qu’elle était «{' '}
                {ETAT_LABELS[a.etat]} »
              </p>
              <p className={a.motif ? undefined : u.muted}>
                {a.motif ? `Motif : « ${a.motif} »` : 'Sans motif'}
              </p>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
