import type { CommandeListee } from '../../../lib/api-types.js';
import { actionBy } from '../../../lib/action-labels.js';
import { formatAge } from '../../../lib/format.js';

/** The last operator action on a commande: who, how long ago, why (or a dash). */
export function LastAction({
  action,
  now,
}: {
  action: CommandeListee['derniere_action'];
  now: number;
}) {
  if (action === null) return <span className="muted">—</span>;
  return (
    <span className="last-action">
      {actionBy(action.action, action.par)}{' '}
      <time dateTime={action.at} className="muted small">
        {formatAge(action.at, now)}
      </time>
      {action.motif && <span className="cause muted small">« {action.motif} »</span>}
    </span>
  );
}
