import { waitsForOperator } from '../lib/api/commandes.js';
import { ETAT_LABELS } from '../lib/etat-labels.js';
import { shortId } from '../lib/format.js';
import { paths } from '../lib/paths.js';
import { Link } from '../lib/router.js';
import type { RepriseResult } from '../lib/use-reprendre.js';
import { ErrorMessage } from './status.js';

/** What a "Reprendre" gave: the état the commande reached, or why it was refused. */
export function RepriseMessage({ result, link = true }: { result: RepriseResult; link?: boolean }) {
  const name = `Commande ${shortId(result.id)}`;
  if (!result.ok) return <ErrorMessage error={result.error} title={`${name} : reprise refusée.`} />;
  const { commande, status } = result;
  const stillWaiting = waitsForOperator(commande);
  return (
    <div className={`alert ${stillWaiting ? 'alert-attention' : 'alert-succes'}`} role="status">
      <strong>{name} reprise.</strong>{' '}
      {status === 202
        ? `Elle continue en arrière-plan (état actuel : ${ETAT_LABELS[commande.etat]}).`
        : stillWaiting
          ? 'Le service échoue encore : elle attend toujours un opérateur.'
          : `Elle est maintenant : ${ETAT_LABELS[commande.etat]}.`}{' '}
      {link && <Link to={paths.commande(commande.id)}>Voir son déroulé</Link>}
    </div>
  );
}
