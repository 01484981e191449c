import { Panel } from '../../../components/panel.js';
import { Timeline } from '../../../components/saga-timeline.js';
import type { Commande } from '../../../lib/api-types.js';
import { COMMANDE_WORDS, ETAT_LABELS } from '../../../lib/etat-labels.js';
import type { TimelineStep } from '../../../lib/timeline-model.js';
import u from '../../../styles/utilities.module.css';
import { Outcome, Summary } from './commande-outcome.js';
import { OperatorActionsList } from './operator-actions-list.js';
import { StateDiagram } from './state-diagram.js';
import { TraceRef } from './trace-ref.js';

/**
 * What the page shows of a loaded commande: summary, outcome, diagram, timeline, actions, and
 * its trace id.
 */
export function CommandeDetails({
  commande,
  steps,
  live,
  operateur,
  produits,
  magasin,
}: {
  commande: Commande;
  steps: readonly TimelineStep[];
  live: boolean;
  operateur: boolean;
  produits: ReadonlyMap<number, string>;
  magasin: string | undefined;
}) {
  return (
    <>
      <p className={u.visuallyHidden} role="status" aria-live="polite">
        État actuel : {ETAT_LABELS[commande.etat]}
      </p>
      <Summary commande={commande} magasin={magasin} />
      <Outcome commande={commande} produits={produits} />
      <Panel aria-labelledby="diagram-heading">
        <h2 id="diagram-heading">Machine à états</h2>
        <StateDiagram historique={commande.historique} current={commande.etat} />
      </Panel>
      <Panel aria-labelledby="timeline-title">
        <h2 id="timeline-title">Chronologie</h2>
        <Timeline steps={steps} live={live} words={COMMANDE_WORDS} />
      </Panel>
      {operateur && <OperatorActionsList actions={commande.actions_operateur} />}
      <TraceRef traceId={commande.trace_id} />
    </>
  );
}
