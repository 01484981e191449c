import { useMemo } from 'react';
import { EtatBadge } from '../../../components/etat-badge.js';
import { PageHeader } from '../../../components/page-header.js';
import { ErrorMessage, Loading } from '../../../components/status.js';
import type { Commande } from '../../../lib/api-types.js';
import { getMagasins, getProduits, namesById } from '../../../lib/api/catalogue.js';
import { describeEchec } from '../../../lib/echec-text.js';
import { compensationLabel, ETAT_LABELS } from '../../../lib/etat-labels.js';
import { formatCents, formatDateTime, formatDuration, shortId } from '../../../lib/format.js';
import { isResting, SAGA_ROLES } from '../../../lib/saga-table.js';
import { useQuery } from '../../../lib/use-query.js';
import { getCommande } from '../api/get-commande.js';
import { timelineOf, totalDurationMs } from '../utils/timeline-model.js';
import { StateDiagram } from './state-diagram.js';
import { Timeline } from './timeline.js';

const POLL_MS = 1000;

function Summary({ commande, magasin }: { commande: Commande; magasin: string | undefined }) {
  const duree = totalDurationMs(commande.historique);
  return (
    <dl className="summary">
      <div>
        <dt>État</dt>
        <dd>
          <EtatBadge etat={commande.etat} />
        </dd>
      </div>
      <div>
        <dt>Total</dt>
        <dd className="num">
          {commande.total_cents === null ? '—' : formatCents(commande.total_cents)}
        </dd>
      </div>
      <div>
        <dt>Magasin</dt>
        <dd>{magasin ?? `n° ${commande.magasin_id}`}</dd>
      </div>
      <div>
        <dt>Client</dt>
        <dd>n° {commande.client_id}</dd>
      </div>
      <div>
        <dt>Créée le</dt>
        <dd>{formatDateTime(commande.created_at)}</dd>
      </div>
      <div>
        <dt>Durée</dt>
        <dd>{duree === null ? '—' : formatDuration(duree)}</dd>
      </div>
    </dl>
  );
}

function Outcome({
  commande,
  produits,
}: {
  commande: Commande;
  produits: ReadonlyMap<number, string>;
}) {
  const last = commande.historique[commande.historique.length - 1];
  if (commande.etat === SAGA_ROLES.confirmed) {
    return (
      <div className="alert alert-succes" role="status">
        Commande confirmée : le stock est réservé, le paiement effectué et la vente enregistrée.
      </div>
    );
  }
  if (commande.etat === SAGA_ROLES.parked) {
    const failed = last?.detail.compensation;
    return (
      <div className="alert alert-attention" role="status">
        <strong>En attente d’un opérateur.</strong> Une compensation
        {typeof failed === 'string' ? ` (${compensationLabel(failed).toLowerCase()})` : ''} a échoué
        malgré plusieurs essais. Un opérateur peut reprendre la commande depuis la console.
        {commande.echec && <> Cause initiale : {describeEchec(commande.echec, { produits })}</>}
      </div>
    );
  }
  if (!commande.echec) return null;
  return (
    <div className="alert alert-error" role="status">
      <strong>{commande.etat === SAGA_ROLES.cancelled ? 'Commande annulée.' : 'Échec.'}</strong>{' '}
      {describeEchec(commande.echec, { produits, totalCents: commande.total_cents })}{' '}
      <span className="muted">
        ({commande.echec.code} : {commande.echec.message})
      </span>
    </div>
  );
}

/** One commande's saga, followed live until it ends or waits for an operator. */
export function CommandePage({ id }: { id: string }) {
  const query = useQuery(`commande:${id}`, (signal) => getCommande(id, signal), {
    refreshMs: (c) => (isResting(c.etat) ? false : POLL_MS),
  });
  const produits = useQuery('produits', getProduits);
  const magasins = useQuery('magasins', getMagasins);
  const produitNoms = useMemo(() => namesById(produits.data), [produits.data]);
  const commande = query.data;
  const steps = useMemo(() => (commande ? timelineOf(commande.historique) : []), [commande]);
  const live = commande !== undefined && !isResting(commande.etat);

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
          live ? (
            <span className="live">
              <span className="live-dot" aria-hidden="true" /> Suivi en direct
            </span>
          ) : undefined
        }
      />
      {query.error !== undefined && <ErrorMessage error={query.error} />}
      {!commande && query.error === undefined && <Loading label="Chargement de la commande…" />}
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
        </>
      )}
    </>
  );
}
