import { useMemo, useState } from 'react';
import { PageHeader } from '../../../components/page-header.js';
import { ActionMessage } from '../../../components/action-message.js';
import { MotifDialog } from '../../../components/motif-dialog.js';
import { ErrorMessage, Loading } from '../../../components/status.js';
import { getMagasins, namesById } from '../../../lib/api/catalogue.js';
import { type CommandesFilter, listCommandes } from '../../../lib/api/commandes.js';
import { formatTime } from '../../../lib/format.js';
import { useQuery } from '../../../lib/use-query.js';
import { useOperatorAction } from '../../../lib/use-operator-action.js';
import { countByEtat, ETATS_NON_TERMINAUX, type Triaged, triage } from '../utils/triage.js';
import { CommandesTable } from './commandes-table.js';
import { ConsoleFiltersForm, type ConsoleFilters, DEFAULT_FILTERS } from './console-filters.js';
import { EtatCounts } from './etat-counts.js';

const REFRESH_MS = 5000;
/** The orchestrator's largest page. */
const MAX_LIMIT = 200;

/** Client and magasin narrow every list; the état only the main one. */
function scopeOf(f: ConsoleFilters): CommandesFilter {
  return {
    client_id: /^\d+$/.test(f.clientId) ? Number(f.clientId) : undefined,
    magasin_id: f.magasinId === '' ? undefined : Number(f.magasinId),
  };
}

/**
 * Every commande that is not over, état by état (the API filters on one état at a time):
 * an old parked or stuck one is found however many others came after it.
 */
async function notOver(scope: CommandesFilter, signal: AbortSignal) {
  const lists = await Promise.all(
    ETATS_NON_TERMINAUX.map((etat) => listCommandes({ ...scope, etat, limit: MAX_LIMIT }, signal)),
  );
  return lists.flat();
}

export function ConsolePage() {
  const [filters, setFilters] = useState<ConsoleFilters>(DEFAULT_FILTERS);
  const scope = scopeOf(filters);
  const key = JSON.stringify(scope);
  const poll = { refreshMs: REFRESH_MS };
  const recent = useQuery(
    `recent:${key}:${filters.limit}`,
    (signal) => listCommandes({ ...scope, limit: filters.limit }, signal),
    poll,
  );
  const pending = useQuery(`pending:${key}`, (signal) => notOver(scope, signal), poll);
  const byEtat = useQuery(
    filters.etat === '' ? null : `etat:${filters.etat}:${key}:${filters.limit}`,
    (signal) =>
      listCommandes({ ...scope, etat: filters.etat || undefined, limit: filters.limit }, signal),
    poll,
  );
  const magasins = useQuery('magasins', getMagasins);
  const noms = useMemo(() => namesById(magasins.data), [magasins.data]);
  const reload = (): void => {
    recent.reload();
    pending.reload();
    byEtat.reload();
  };
  const op = useOperatorAction(reload);

  // "Now" for ages and the stuck test: the moment the lists were (re)loaded.
  const now = useMemo(() => Date.now(), [recent.data, pending.data, byEtat.data]);
  const seuilMs = filters.seuilS * 1000;
  const listed = filters.etat === '' ? recent : byEtat;
  const rows = useMemo(() => triage(listed.data ?? [], seuilMs, now), [listed.data, seuilMs, now]);
  const aTraiter = useMemo(
    () => triage(pending.data ?? [], seuilMs, now).filter((r) => r.attention !== null),
    [pending.data, seuilMs, now],
  );
  const counts = useMemo(() => countByEtat(recent.data ?? []), [recent.data]);

  const table = (caption: string, list: Triaged[]) => (
    <CommandesTable
      caption={caption}
      rows={list}
      magasins={noms}
      now={now}
      busy={op.busy}
      onAsk={op.ask}
    />
  );

  return (
    <>
      <PageHeader
        title="Console des commandes"
        description="Suivez les sagas en cours, repérez celles qui bloquent, reprenez ou annulez celles qui attendent un opérateur."
        actions={
          <button type="button" className="button" onClick={reload}>
            Actualiser
          </button>
        }
      />
      <ConsoleFiltersForm value={filters} magasins={magasins.data ?? []} onChange={setFilters} />
      <p className="muted small">
        Actualisation automatique toutes les {REFRESH_MS / 1000} s
        {recent.data && ` · dernière à ${formatTime(new Date(now).toISOString()).slice(0, 8)}`}
      </p>
      {op.asking && (
        <MotifDialog
          request={op.asking}
          onConfirm={(motif) => void op.confirm(motif)}
          onDismiss={op.dismiss}
        />
      )}
      {op.result && <ActionMessage result={op.result} />}
      <section className="panel" aria-labelledby="a-traiter-title">
        <h2 id="a-traiter-title">À traiter</h2>
        {pending.error !== undefined && <ErrorMessage error={pending.error} />}
        {pending.loading && <Loading label="Recherche des commandes à traiter…" />}
        {pending.data && aTraiter.length === 0 && (
          <p className="empty">
            Rien à traiter : aucune commande n’attend d’opérateur ni ne reste bloquée plus de{' '}
            {filters.seuilS} s.
          </p>
        )}
        {aTraiter.length > 0 && table('Commandes à traiter', aTraiter)}
      </section>
      {recent.data && (
        <EtatCounts
          counts={counts}
          selected={filters.etat}
          total={recent.data.length}
          onSelect={(etat) => setFilters({ ...filters, etat })}
        />
      )}
      <section className="panel" aria-labelledby="liste-title">
        <h2 id="liste-title">Commandes</h2>
        {listed.error !== undefined && <ErrorMessage error={listed.error} />}
        {listed.loading && <Loading label="Chargement des commandes…" />}
        {listed.data && listed.data.length === 0 && (
          <p className="empty">Aucune commande pour ces filtres.</p>
        )}
        {rows.length > 0 && table('Commandes', rows)}
      </section>
    </>
  );
}
