import { useMemo } from 'react';
import { getMagasins, getProduits, namesById } from '../../../lib/api/catalogue.js';
import { useQuery } from '../../../lib/use-query.js';
import { getRapport, stockAlerts } from '../api/dashboard-api.js';
import type { DashboardFilters } from '../components/dashboard-filters.js';

/** How many produits the best-sellers chart shows. */
export const TOP = 10;

/** The dashboard's data for these filters: the sales report and the stock alerts. */
export function useDashboard(filters: DashboardFilters) {
  const magasins = useQuery('magasins', getMagasins);
  const produits = useQuery('produits', getProduits);
  const produitNoms = useMemo(() => namesById(produits.data), [produits.data]);
  const magasinNoms = useMemo(() => namesById(magasins.data), [magasins.data]);
  const periodOk = !filters.du || !filters.au || filters.du <= filters.au;
  const magasinId = filters.magasinId === '' ? undefined : Number(filters.magasinId);
  const rapportFilter = {
    magasin_id: magasinId,
    du: filters.du || undefined,
    au: filters.au || undefined,
    top: TOP,
  };
  const rapport = useQuery(periodOk ? `rapport:${JSON.stringify(rapportFilter)}` : null, (signal) =>
    getRapport(rapportFilter, signal),
  );
  const ids = magasinId !== undefined ? [magasinId] : (magasins.data ?? []).map((m) => m.id);
  const seuil = /^\d+$/.test(filters.seuil) ? Number(filters.seuil) : undefined;
  const alerts = useQuery(ids.length ? `alerts:${ids.join(',')}:${seuil ?? ''}` : null, (signal) =>
    stockAlerts(ids, seuil, signal),
  );
  const reload = (): void => {
    rapport.reload();
    alerts.reload();
  };
  return { magasins, produitNoms, magasinNoms, periodOk, rapport, alerts, seuil, reload };
}
