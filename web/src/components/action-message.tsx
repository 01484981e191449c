import { waitsForOperator } from '../lib/api/commandes.js';
import { ACTION_WORDS } from '../lib/action-labels.js';
import { ETAT_LABELS } from '../lib/etat-labels.js';
import { shortId } from '../lib/format.js';
import { paths } from '../lib/paths.js';
import { Link } from '../lib/router.js';
import type { ActionResult } from '../lib/use-operator-action.js';
import { ErrorMessage, Notice } from './status.js';

const STILL_FAILING = {
  reprendre: 'Le service échoue encore : elle attend toujours un opérateur.',
  annuler: 'Une compensation échoue encore : elle attend toujours un opérateur.',
} as const;

/** What a "Reprendre" or an "Annuler" gave: the état the commande reached, or why it was refused. */
export function ActionMessage({ result, link = true }: { result: ActionResult; link?: boolean }) {
  const name = `Commande ${shortId(result.id)}`;
  const words = ACTION_WORDS[result.action];
  if (!result.ok) {
    const refus = result.action === 'annuler' ? 'annulation refusée' : 'reprise refusée';
    return <ErrorMessage error={result.error} title={`${name} : ${refus}.`} />;
  }
  const { commande, status } = result;
  const stillWaiting = waitsForOperator(commande);
  return (
    <Notice tone={stillWaiting ? 'attention' : 'succes'}>
      <strong>
        {name} {words.faite}.
      </strong>{' '}
      {status === 202
        ? `Elle continue en arrière-plan (état actuel : ${ETAT_LABELS[commande.etat]}).`
        : stillWaiting
          ? STILL_FAILING[result.action]
          : `Elle est maintenant : ${ETAT_LABELS[commande.etat]}.`}{' '}
      {link && <Link to={paths.commande(commande.id)}>Voir son déroulé</Link>}
    </Notice>
  );
}
