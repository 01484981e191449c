import { useMemo } from 'react';
import { buttonClass } from '../../../components/button.js';
import { SagaEtatBadge } from '../../../components/etat-badge.js';
import { Facts } from '../../../components/facts.js';
import { OperatorActionDialogs } from '../../../components/operator-action-dialogs.js';
import { OperatorButtons } from '../../../components/operator-buttons.js';
import { PageHeader } from '../../../components/page-header.js';
import { Panel } from '../../../components/panel.js';
import { Timeline } from '../../../components/saga-timeline.js';
import { Notice, QueryView } from '../../../components/status.js';
import type { Inscription } from '../../../lib/api-types.js';
import { codeText } from '../../../lib/error-text.js';
import { formatDateTime, shortId } from '../../../lib/format.js';
import { INSCRIPTION_WORDS } from '../../../lib/inscription-labels.js';
import { INSCRIPTION_FACTS, INSCRIPTION_ROLES } from '../../../lib/inscription-table.js';
import { paths } from '../../../lib/paths.js';
import { Link } from '../../../lib/router.js';
import { timelineOf } from '../../../lib/timeline-model.js';
import { useOperatorAction } from '../../../lib/use-operator-action.js';
import { useQuery } from '../../../lib/use-query.js';
import { getInscription, INSCRIPTION_SUBJECT, inscriptionWaits } from '../api/inscriptions-api.js';
import { ClientAccount } from './client-account.js';

const POLL_MS = 1000;

function Summary({ inscription: i }: { inscription: Inscription }) {
  const client =
    i.client_id === null ? (
      '—'
    ) : (
      <Link to={paths.clientConsole(i.client_id)}>n° {i.client_id}</Link>
    );
  return (
    <Facts
      cards
      items={[
        { label: 'État', value: <SagaEtatBadge etat={i.etat} words={INSCRIPTION_WORDS} wrap /> },
        { label: 'Nom', value: i.nom },
        { label: 'Nom d’utilisateur', value: <code>{i.username}</code> },
        { label: 'E-mail', value: i.email },
        { label: 'Compte client', value: client },
        { label: 'Créée le', value: formatDateTime(i.created_at) },
        { label: 'Définition', value: `${i.definition.nom} · v. ${i.definition.version}` },
      ]}
    />
  );
}

/** Why it failed: the step, the code in words, whether the call may have had its effect. */
function Echec({ echec }: { echec: NonNullable<Inscription['echec']> }) {
  return (
    <Notice tone="error">
      Échec à l’étape « {INSCRIPTION_WORDS.etape(echec.etape)} » :{' '}
      {codeText(echec.code) ?? echec.message} <code>{echec.code}</code>
      {echec.incertain && ' — l’appel a pu avoir lieu : il a été annulé lui aussi.'}
    </Notice>
  );
}

function Details({ inscription: i }: { inscription: Inscription }) {
  const steps = useMemo(() => timelineOf(i.historique), [i.historique]);
  const live = !INSCRIPTION_FACTS.isResting(i.etat) && i.suspension === null;
  return (
    <>
      <Summary inscription={i} />
      {i.echec && <Echec echec={i.echec} />}
      <Panel aria-labelledby="timeline-title">
        <h2 id="timeline-title">Chronologie</h2>
        <Timeline steps={steps} live={live} words={INSCRIPTION_WORDS} />
      </Panel>
      {i.client_id !== null && i.etat === INSCRIPTION_ROLES.confirmed && (
        <ClientAccount id={i.client_id} />
      )}
    </>
  );
}

/** One sign-up's saga for an operator, followed live until it rests; its account credited here. */
export function InscriptionDetailPage({ id }: { id: string }) {
  const query = useQuery(`inscription:${id}`, (signal) => getInscription(id, signal), {
    refreshMs: (i) => (INSCRIPTION_FACTS.isResting(i.etat) ? false : POLL_MS),
  });
  const op = useOperatorAction(INSCRIPTION_SUBJECT, query.reload);
  const canAct = query.data !== undefined && inscriptionWaits(query.data);
  const actions = (
    <>
      {canAct && <OperatorButtons id={id} busy={op.busy} onAsk={op.ask} the="l’inscription" />}
      <Link className={buttonClass()} to={paths.inscriptionsConsole}>
        Toutes les inscriptions
      </Link>
    </>
  );
  return (
    <>
      <PageHeader
        title={`Inscription ${shortId(id)}`}
        description={
          <>
            Déroulé de la saga d’inscription <code>{id}</code>
          </>
        }
        actions={actions}
      />
      <OperatorActionDialogs op={op} link={false} />
      <QueryView query={query} label="Chargement de l’inscription…">
        {(inscription) => <Details inscription={inscription} />}
      </QueryView>
    </>
  );
}
