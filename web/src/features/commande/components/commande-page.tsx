import { useMemo } from 'react';
import { PageHeader } from '../../../components/page-header.js';
import { ActionMessage } from '../../../components/action-message.js';
import { MotifDialog } from '../../../components/motif-dialog.js';
import { OperatorButtons } from '../../../components/operator-buttons.js';
import { ErrorMessage, Loading } from '../../../components/status.js';
import { getMagasins, getProduits, namesById } from '../../../lib/api/catalogue.js';
import { getCommande, waitsForOperator } from '../../../lib/api/commandes.js';
import { useSession } from '../../../lib/auth/use-session.js';
import { ETAT_LABELS } from '../../../lib/etat-labels.js';
import { shortId } from '../../../lib/format.js';
import { paths } from '../../../lib/paths.js';
import { Link } from '../../../lib/router.js';
import { isResting } from '../../../lib/saga-table.js';
import { useQuery } from '../../../lib/use-query.js';
import { useOperatorAction } from '../../../lib/use-operator-action.js';
import { timelineOf } from '../utils/timeline-model.js';
import { Outcome, Summary } from './commande-outcome.js';
import { OperatorActionsList } from './operator-actions-list.js';
import { StateDiagram } from './state-diagram.js';
import { Timeline } from './timeline.js';

const POLL_MS = 1000;

/** Moving on its own: polled until it ends or waits for an operator. */
const isLive = (c: Parameters<typeof waitsForOperator>[0]): boolean =>
  !isResting(c.etat) && c.suspension === null;

/** One commande's saga, followed live until it ends or waits for an operator. */
export function CommandePage({ id }: { id: string }) {
  const operateur = useSession()?.role === 'operateur';
  const query = useQuery(`commande:${id}`, (signal) => getCommande(id, signal), {
    refreshMs: (c) => (isLive(c) ? POLL_MS : false),
  });
  const op = useOperatorAction(query.reload);
  const produits = useQuery('produits', getProduits);
  const magasins = useQuery('magasins', getMagasins);
  const produitNoms = useMemo(() => namesById(produits.data), [produits.data]);
  const commande = query.data;
  const steps = useMemo(() => (commande ? timelineOf(commande.historique) : []), [commande]);
  const live = commande !== undefined && isLive(commande);
  const canAct = operateur && commande !== undefined && waitsForOperator(commande);

  return (
    <>
      <PageHeader
        title={`Commande ${shortId(id)}`}
        description={
          <>
            Déroulé de la saga de commande <code className="uuid">{id}</code>
          </>
        }
        actions={
          <>
            {live && (
              <span className="live">
                <span className="live-dot" aria-hidden="true" /> Suivi en direct
              </span>
            )}
            {canAct && <OperatorButtons id={id} busy={op.busy} onAsk={op.ask} />}
            <Link className="button" to={operateur ? paths.console : paths.boutique}>
              {operateur ? 'Console' : 'Retour à la boutique'}
            </Link>
          </>
        }
      />
      {query.error !== undefined && <ErrorMessage error={query.error} />}
      {!commande && query.error === undefined && <Loading label="Chargement de la commande…" />}
      {op.asking && (
        <MotifDialog
          request={op.asking}
          onConfirm={(motif) => void op.confirm(motif)}
          onDismiss={op.dismiss}
        />
      )}
      {op.result && <ActionMessage result={op.result} link={false} />}
      {commande && (
        <>
          <p className="visually-hidden" role="status" aria-live="polite">
            État actuel : {ETAT_LABELS[commande.etat]}
          </p>
          <Summary
            commande={commande}
            magasin={namesById(magasins.data).get(commande.magasin_id)}
          />
          <Outcome commande={commande} produits={produitNoms} />
          <div className="commande-grid">
            <section className="panel" aria-labelledby="diagram-heading">
              <h2 id="diagram-heading">Machine à états</h2>
              <StateDiagram historique={commande.historique} current={commande.etat} />
            </section>
            <section className="panel" aria-labelledby="timeline-title">
              <h2 id="timeline-title">Chronologie</h2>
              <Timeline steps={steps} live={live} />
            </section>
          </div>
          {operateur && <OperatorActionsList actions={commande.actions_operateur} />}
        </>
      )}
    </>
  );
}
