import { ErrorMessage } from '../../../components/status.js';
import { ETAT_LABELS } from '../../../lib/etat-labels.js';
import { shortId } from '../../../lib/format.js';
import { paths } from '../../../lib/paths.js';
import { Link } from '../../../lib/router.js';
import { SAGA_ROLES } from '../../../lib/saga-table.js';
import type { RepriseResult } from '../hooks/use-reprendre.js';

export function RepriseMessage({ result }: { result: RepriseResult }) {
  const name = `Commande ${shortId(result.id)}`;
  if (!result.ok) return <ErrorMessage error={result.error} title={`${name} : reprise refusée.`} />;
  const { commande, status } = result;
  const stillParked = commande.etat === SAGA_ROLES.parked;
  return (
    <div className={`alert ${stillParked ? 'alert-attention' : 'alert-succes'}`} role="status">
      <strong>{name} reprise.</strong>{' '}
      {status === 202
        ? `Les compensations continuent en arrière-plan (état actuel : ${ETAT_LABELS[commande.etat]}).`
        : stillParked
          ? 'Une compensation échoue encore : elle attend toujours un opérateur.'
          : `Elle est maintenant : ${ETAT_LABELS[commande.etat]}.`}{' '}
      <Link to={paths.commande(commande.id)}>Voir son déroulé</Link>
    </div>
  );
}
