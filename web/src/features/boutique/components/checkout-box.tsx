import { Button } from '../../../components/button.js';
import { ErrorMessage, Notice } from '../../../components/status.js';
import { describeError } from '../../../lib/error-text.js';
import { describeEchec, type EchecContext } from '../../../lib/echec-text.js';
import { ETAT_LABELS } from '../../../lib/etat-labels.js';
import { SAGA_ROLES } from '../../../lib/saga-table.js';
import { paths } from '../../../lib/paths.js';
import { Link } from '../../../lib/router.js';
import type { CheckoutOutcome } from '../hooks/use-checkout.js';
import styles from './checkout-box.module.css';

function OutcomeMessage({ outcome, context }: { outcome: CheckoutOutcome; context: EchecContext }) {
  switch (outcome.kind) {
    case 'acceptee':
      return null;
    case 'refusee': {
      const { commande } = outcome;
      // Parked: a compensation (e.g. the refund) is still owed; an operator finishes it.
      const parked = commande.etat === SAGA_ROLES.parked;
      return (
        <Notice tone="error" role="alert">
          <strong>
            {parked ? 'La commande n’a pas abouti.' : `${ETAT_LABELS[commande.etat]}.`}
          </strong>{' '}
          {commande.echec
            ? describeEchec(commande.echec, { ...context, totalCents: commande.total_cents })
            : 'La commande n’a pas abouti.'}{' '}
          {parked
            ? 'Son annulation est en attente d’un opérateur : tout montant débité vous sera remboursé.'
            : 'Rien ne vous a été débité.'}{' '}
          <Link to={paths.commande(commande.id)}>Voir le déroulé de la commande</Link>
        </Notice>
      );
    }
    case 'a-reessayer':
      return (
        <Notice tone="attention" role="alert">
          {describeError(outcome.error)} Votre commande a peut-être été prise en compte. « Réessayer
          » la reprend sans risque de la passer deux fois.
        </Notice>
      );
    case 'erreur':
      return <ErrorMessage error={outcome.error} title="La commande n’a pas pu être passée." />;
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

export function CheckoutBox({
  outcome,
  pending,
  retrying,
  disabled,
  context,
  onCommander,
}: {
  outcome: CheckoutOutcome | null;
  pending: boolean;
  retrying: boolean;
  disabled: boolean;
  context: EchecContext;
  onCommander: () => void;
}) {
  return (
    <div className={styles.checkout}>
      <Button
        variant="primary"
        size="large"
        disabled={disabled || pending}
        aria-disabled={disabled || pending}
        onClick={onCommander}
      >
        {pending ? 'Commande en cours…' : retrying ? 'Réessayer la commande' : 'Commander'}
      </Button>
      {pending && <Notice>Votre commande est en cours de traitement…</Notice>}
      {outcome && <OutcomeMessage outcome={outcome} context={context} />}
    </div>
  );
}
