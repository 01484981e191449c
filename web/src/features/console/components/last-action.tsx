import type { CommandeListee } from '../../../lib/api-types.js';
import { actionBy } from '../../../lib/action-labels.js';
import { cx } from '../../../lib/cx.js';
import { formatAge } from '../../../lib/format.js';
import u from '../../../styles/utilities.module.css';
import styles from './last-action.module.css';

/** The last operator action on a commande: who, how long ago, why (or a dash). */
export function LastAction({
  action,
  now,
}: {
  action: CommandeListee['derniere_action'];
  now: number;
}) {
  if (action === null) return <span className={u.muted}>—</span>;
  return (
    <span className={styles.lastAction}>
      {actionBy(action.action, action.par)}{' '}
      <time dateTime={action.at} className={cx(u.muted, u.small)}>
        {formatAge(action.at, now)}
      </time>
      {action.motif && (
        <span className={cx(styles.motif, u.muted, u.small)}>« {action.motif} »</span>
      )}
    </span>
  );
}
