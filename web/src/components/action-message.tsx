import type { ActionSubject } from '../lib/action-subject.js';
import { ACTION_WORDS } from '../lib/action-labels.js';
import { shortId } from '../lib/format.js';
import { Link } from '../lib/router.js';
import type { ActionResult } from '../lib/use-operator-action.js';
import { ErrorMessage, Notice } from './status.js';

const STILL_FAILING = {
  reprendre: 'Le service échoue encore : elle attend toujours un opérateur.',
  annuler: 'Une compensation échoue encore : elle attend toujours un opérateur.',
} as const;

/** What a "Reprendre" or an "Annuler" gave: the état the saga reached, or why it was refused. */
export function ActionMessage<S extends { id: string }>({
  subject,
  result,
  link = true,
}: {
  subject: ActionSubject<S>;
  result: ActionResult<S>;
  link?: boolean;
}) {
  const name = `${subject.name} ${shortId(result.id)}`;
  const words = ACTION_WORDS[result.action];
  if (!result.ok) {
    const refus = result.action === 'annuler' ? 'annulation refusée' : 'reprise refusée';
    return <ErrorMessage error={result.error} title={`${name} : ${refus}.`} />;
  }
  const { saga, status } = result;
  const stillWaiting = subject.waits(saga);
  return (
    <Notice tone={stillWaiting ? 'attention' : 'succes'}>
      <strong>
        {name} {words.faite}.
      </strong>{' '}
      {status === 202
        ? `Elle continue en arrière-plan (état actuel : ${subject.etatLabel(saga)}).`
        : stillWaiting
          ? STILL_FAILING[result.action]
          : `Elle est maintenant : ${subject.etatLabel(saga)}.`}{' '}
      {link && <Link to={subject.path(saga.id)}>Voir son déroulé</Link>}
    </Notice>
  );
}
