import { useMemo } from 'react';
import { getMagasins, namesById } from '../../../lib/api/catalogue.js';
import { type CommandesFilter, listCommandes } from '../../../lib/api/commandes.js';
import { useQuery } from '../../../lib/use-query.js';
import type { ConsoleFilters } from '../components/console-filters.js';
import { countByEtat, ETATS_NON_TERMINAUX, triage } from '../utils/triage.js';

export const REFRESH_MS = 5000;
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

/** The console's lists, polled: the latest commandes (or those of one état), and those to handle. */
export function useConsoleLists(filters: ConsoleFilters) {
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
  return { recent, pending, listed, magasins, noms, reload, now, rows, aTraiter, counts };
}
