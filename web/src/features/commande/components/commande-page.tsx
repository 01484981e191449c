import { useMemo } from 'react';
import { buttonClass } from '../../../components/button.js';
import { OperatorActionDialogs } from '../../../components/operator-action-dialogs.js';
import { OperatorButtons } from '../../../components/operator-buttons.js';
import { PageHeader } from '../../../components/page-header.js';
import { ErrorMessage, Loading } from '../../../components/status.js';
import { COMMANDE_SUBJECT } from '../../../lib/action-subject.js';
import { getMagasins, getProduits, namesById } from '../../../lib/api/catalogue.js';
import { getCommande, waitsForOperator } from '../../../lib/api/commandes.js';
import { useSession } from '../../../lib/auth/use-session.js';
import { shortId } from '../../../lib/format.js';
import { paths } from '../../../lib/paths.js';
import { Link } from '../../../lib/router.js';
import { isResting } from '../../../lib/saga-table.js';
import { timelineOf } from '../../../lib/timeline-model.js';
import { useQuery } from '../../../lib/use-query.js';
import { useOperatorAction } from '../../../lib/use-operator-action.js';
import { CommandeDetails } from './commande-details.js';
import styles from './commande-page.module.css';

const POLL_MS = 1000;

/** Moving on its own: polled until it ends or waits for an operator. */
const isLive = (c: Parameters<typeof waitsForOperator>[0]): boolean =>
  !isResting(c.etat) && c.suspension === null;

const LiveBadge = () => (
  <span className={styles.live}>
    <span className={styles.dot} aria-hidden="true" /> Suivi en direct
  </span>
);

/** One commande's saga, followed live until it ends or waits for an operator. */
export function CommandePage({ id }: { id: string }) {
  const operateur = useSession()?.role === 'operateur';
  const query = useQuery(`commande:${id}`, (signal) => getCommande(id, signal), {
    refreshMs: (c) => (isLive(c) ? POLL_MS : false),
  });
  const op = useOperatorAction(COMMANDE_SUBJECT, query.reload);
  const produits = useQuery('produits', getProduits);
  const magasins = useQuery('magasins', getMagasins);
  const produitNoms = useMemo(() => namesById(produits.data), [produits.data]);
  const commande = query.data;
  const steps = useMemo(() => (commande ? timelineOf(commande.historique) : []), [commande]);
  const live = commande !== undefined && isLive(commande);
  const canAct = operateur && commande !== undefined && waitsForOperator(commande);
  const description = (
    <>
      Déroulé de la saga de commande <code className={styles.uuid}>{id}</code>
    </>
  );
  const actions = (
    <>
      {live && <LiveBadge />}
      {canAct && <OperatorButtons id={id} busy={op.busy} onAsk={op.ask} />}
      <Link className={buttonClass()} to={operateur ? paths.console : paths.boutique}>
        {operateur ? 'Console' : 'Retour à la boutique'}
      </Link>
    </>
  );
  return (
    <>
      <PageHeader title={`Commande ${shortId(id)}`} description={description} actions={actions} />
      {query.error !== undefined && <ErrorMessage error={query.error} />}
      {!commande && query.error === undefined && <Loading label="Chargement de la commande…" />}
      <OperatorActionDialogs op={op} link={false} />
      {commande && (
        <CommandeDetails
          {...{ commande, steps, live, operateur }}
          produits={produitNoms}
          magasin={namesById(magasins.data).get(commande.magasin_id)}
        />
      )}
    </>
  );
}
