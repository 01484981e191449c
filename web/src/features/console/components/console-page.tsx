import { useMemo, useState } from 'react';
import { PageHeader } from '../../../components/page-header.js';
import { ErrorMessage, Loading } from '../../../components/status.js';
import type { CommandeSummary } from '../../../lib/api-types.js';
import { getMagasins, namesById } from '../../../lib/api/catalogue.js';
import { type CommandesFilter, listCommandes } from '../../../lib/api/commandes.js';
import { formatTime } from '../../../lib/format.js';
import { SAGA_ROLES } from '../../../lib/saga-table.js';
import { useQuery } from '../../../lib/use-query.js';
import { useReprendre } from '../hooks/use-reprendre.js';
import { countByEtat, type Triaged, triage } from '../utils/triage.js';
import { CommandesTable } from './commandes-table.js';
import { ConsoleFiltersForm, type ConsoleFilters, DEFAULT_FILTERS } from './console-filters.js';
import { EtatCounts } from './etat-counts.js';
import { RepriseMessage } from './reprise-message.js';

const REFRESH_MS = 5000;

function toApiFilter(f: ConsoleFilters): CommandesFilter {
  return {
    client_id: /^\d+$/.test(f.clientId) ? Number(f.clientId) : undefined,
    magasin_id: f.magasinId === '' ? undefined : Number(f.magasinId),
    limit: f.limit,
  };
}

/**
 * The API filters by magasin too; filtering again here keeps the page right against an
 * orchestrator that ignores the parameter (it was added after the first release).
 */
const inMagasin = (list: CommandeSummary[], filter: CommandesFilter): CommandeSummary[] =>
  filter.magasin_id === undefined ? list : list.filter((c) => c.magasin_id === filter.magasin_id);

export function ConsolePage() {
  const [filters, setFilters] = useState<ConsoleFilters>(DEFAULT_FILTERS);
  const api = toApiFilter(filters);
  const key = JSON.stringify(api);
  const recent = useQuery(
    `recent:${key}`,
    async (signal) => inMagasin(await listCommandes(api, signal), api),
    {
      refreshMs: REFRESH_MS,
    },
  );
  const parked = useQuery(
    `parked:${key}`,
    async (signal) =>
      inMagasin(await listCommandes({ ...api, etat: SAGA_ROLES.parked, limit: 200 }, signal), api),
    { refreshMs: REFRESH_MS },
  );
  const byEtat = useQuery(
    filters.etat === '' ? null : `etat:${filters.etat}:${key}`,
    async (signal) =>
      inMagasin(await listCommandes({ ...api, etat: filters.etat || undefined }, signal), api),
    { refreshMs: REFRESH_MS },
  );
  const magasins = useQuery('magasins', getMagasins);
  const noms = useMemo(() => namesById(magasins.data), [magasins.data]);
  const reload = (): void => {
    recent.reload();
    parked.reload();
    byEtat.reload();
  };
  const reprise = useReprendre(reload);

  // "Now" for ages and the stuck test: the moment the lists were (re)loaded.
  const now = useMemo(() => Date.now(), [recent.data, parked.data, byEtat.data]);
  const seuilMs = filters.seuilS * 1000;
  const listed = filters.etat === '' ? recent : byEtat;
  const rows = useMemo(() => triage(listed.data ?? [], seuilMs, now), [listed.data, seuilMs, now]);
  const aTraiter = useMemo(() => {
    const byId = new Map([...(parked.data ?? []), ...(recent.data ?? [])].map((c) => [c.id, c]));
    return triage([...byId.values()], seuilMs, now).filter((r) => r.attention !== null);
  }, [parked.data, recent.data, seuilMs, now]);
  const counts = useMemo(() => countByEtat(recent.data ?? []), [recent.data]);

  const table = (caption: string, list: Triaged[]) => (
    <CommandesTable
      caption={caption}
      rows={list}
      magasins={noms}
      now={now}
      busyId={reprise.busyId}
      onReprendre={(id) => void reprise.reprendre(id)}
    />
  );

  return (
    <>
      <PageHeader
        title="Console des commandes"
        description="Suivez les sagas en cours, repérez celles qui bloquent et reprenez celles qui attendent un opérateur."
        actions={
          <button type="button" className="button" onClick={reload}>
            Actualiser
          </button>
        }
      />
      <ConsoleFiltersForm value={filters} magasins={magasins.data ?? []} onChange={setFilters} />
      <p className="muted small" aria-live="off">
        Actualisation automatique toutes les {REFRESH_MS / 1000} s
        {recent.data && ` · dernière à ${formatTime(new Date(now).toISOString()).slice(0, 8)}`}
      </p>
      {reprise.result && <RepriseMessage result={reprise.result} />}
      <section className="panel" aria-labelledby="a-traiter-title">
        <h2 id="a-traiter-title">À traiter</h2>
        {parked.error !== undefined && <ErrorMessage error={parked.error} />}
        {aTraiter.length === 0 ? (
          <p className="empty">
            Rien à traiter : aucune commande n’attend d’opérateur ni ne reste bloquée plus de{' '}
            {filters.seuilS} s.
          </p>
        ) : (
          table('Commandes à traiter', aTraiter)
        )}
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
