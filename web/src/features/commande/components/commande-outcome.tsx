import { EtatBadge } from '../../../components/etat-badge.js';
import { Facts } from '../../../components/facts.js';
import { Notice } from '../../../components/status.js';
import type { Commande } from '../../../lib/api-types.js';
import { describeEchec } from '../../../lib/echec-text.js';
import { codeText } from '../../../lib/error-text.js';
import { compensationLabel, etapeLabel } from '../../../lib/etat-labels.js';
import { formatCents, formatDateTime, formatDuration, plural } from '../../../lib/format.js';
import { SAGA_ROLES } from '../../../lib/saga-table.js';
import { totalDurationMs } from '../../../lib/timeline-model.js';
import styles from './commande-outcome.module.css';

export function Summary({
  commande,
  magasin,
}: {
  commande: Commande;
  magasin: string | undefined;
}) {
  const duree = totalDurationMs(commande.historique);
  const items = [
    { label: 'État', value: <EtatBadge etat={commande.etat} wrap /> },
    {
      label: 'Total',
      value: commande.total_cents === null ? '—' : formatCents(commande.total_cents),
    },
    { label: 'Magasin', value: magasin ?? `n° ${commande.magasin_id}` },
    { label: 'Client', value: `n° ${commande.client_id}` },
    { label: 'Créée le', value: formatDateTime(commande.created_at) },
    { label: 'Durée', value: duree === null ? '—' : formatDuration(duree) },
  ];
  return <Facts cards items={items} />;
}

/** A step that may not give up (the sale, emptying the cart) kept failing: it waits. */
function Suspendue({ suspension }: { suspension: NonNullable<Commande['suspension']> }) {
  return (
    <Notice tone="attention">
      <strong>Suspendue : en attente d’un opérateur.</strong> L’étape «{' '}
      {etapeLabel(suspension.etape)} » n’a pas obtenu de réponse définitive après{' '}
      {plural(suspension.tentatives, 'tentative', 'tentatives')} (
      {codeText(suspension.code) ?? suspension.code} <code>{suspension.code}</code>). La commande
      reste dans son état ; une fois le service rétabli, un opérateur la reprend et la saga
      continue.
    </Notice>
  );
}

/** How the saga ended (or why it waits), in words. */
export function Outcome({
  commande,
  produits,
}: {
  commande: Commande;
  produits: ReadonlyMap<number, string>;
}) {
  if (commande.suspension) return <Suspendue suspension={commande.suspension} />;
  const last = commande.historique[commande.historique.length - 1];
  if (commande.etat === SAGA_ROLES.confirmed) {
    return (
      <Notice tone="succes">
        Commande confirmée : le stock est réservé, le paiement effectué et la vente enregistrée.
      </Notice>
    );
  }
  if (commande.etat === SAGA_ROLES.parked) {
    const failed = last?.detail.compensation;
    return (
      <Notice tone="attention">
        <strong>En attente d’un opérateur.</strong> Une compensation
        {typeof failed === 'string' ? ` (${compensationLabel(failed).toLowerCase()})` : ''} a échoué
        malgré plusieurs essais. Une fois le service rétabli, un opérateur reprend la commande et
        ses compensations reprennent.
        {commande.echec && <> Cause initiale : {describeEchec(commande.echec, { produits })}</>}
      </Notice>
    );
  }
  if (!commande.echec) return null;
  // An operator's cancel: its message is the motif, already quoted in words.
  const byOperator = commande.echec.code === 'ANNULEE_PAR_OPERATEUR';
  return (
    <Notice tone="error">
      <strong>{commande.etat === SAGA_ROLES.cancelled ? 'Commande annulée.' : 'Échec.'}</strong>{' '}
      {describeEchec(commande.echec, { produits, totalCents: commande.total_cents })}{' '}
      <span className={styles.code}>
        ({commande.echec.code}
        {byOperator ? '' : ` : ${commande.echec.message}`})
      </span>
    </Notice>
  );
}
