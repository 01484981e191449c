import { useState } from 'react';
import { PageHeader } from '../../../components/page-header.js';
import { ErrorMessage, Loading, Notice } from '../../../components/status.js';
import { TwoColumns } from '../../../components/two-columns.js';
import u from '../../../styles/utilities.module.css';
import { useDashboard } from '../hooks/use-dashboard.js';
import {
  DashboardFiltersForm,
  type DashboardFilters,
  DEFAULT_DASHBOARD_FILTERS,
} from './dashboard-filters.js';
import { Kpis } from './kpis.js';
import { SalesCharts } from './sales-charts.js';
import { StockAlertTable } from './stock-alerts.js';

type Dashboard = ReturnType<typeof useDashboard>;

function Ventes({ d, filters }: { d: Dashboard; filters: DashboardFilters }) {
  const { rapport } = d;
  return (
    <section aria-labelledby="ventes-title">
      <h2 id="ventes-title" className={u.visuallyHidden}>
        Ventes
      </h2>
      {rapport.error !== undefined && (
        <ErrorMessage error={rapport.error} title="Rapport des ventes :" />
      )}
      {rapport.loading && <Loading label="Calcul du rapport des ventes…" />}
      {rapport.data && (
        <>
          <Kpis rapport={rapport.data} />
          <SalesCharts
            rapport={rapport.data}
            produits={d.produitNoms}
            magasins={d.magasinNoms}
            filters={filters}
          />
        </>
      )}
    </section>
  );
}

function StockAlerts({ d }: { d: Dashboard }) {
  const { alerts } = d;
  const noms = { produits: d.produitNoms, magasins: d.magasinNoms };
  return (
    <>
      {alerts.error !== undefined && <ErrorMessage error={alerts.error} title="Stock :" />}
      {alerts.loading && <Loading label="Chargement des alertes de stock…" />}
      {alerts.data && (
        <TwoColumns>
          <StockAlertTable
            id="ruptures-title"
            title="Produits en rupture"
            empty="Aucune rupture."
            lignes={alerts.data.ruptures}
            {...noms}
            showQuantite={false}
          />
          <StockAlertTable
            id="surstock-title"
            title={`Produits en surstock (plus de ${alerts.data.seuil ?? d.seuil ?? '?'} unités)`}
            empty="Aucun produit au-dessus du seuil."
            lignes={alerts.data.surstock}
            {...noms}
            showQuantite
          />
        </TwoColumns>
      )}
    </>
  );
}

const DESCRIPTION = 'Performance des magasins : ventes, meilleures ventes, ruptures et surstock.';

/** The stores' performance: sales from the ventes report, stock alerts from the stock service. */
export function DashboardPage() {
  const [filters, setFilters] = useState<DashboardFilters>(DEFAULT_DASHBOARD_FILTERS);
  const d = useDashboard(filters);
  const magasins = d.magasins.data ?? [];
  return (
    <>
      <PageHeader title="Tableau de bord" description={DESCRIPTION} onRefresh={d.reload} />
      <DashboardFiltersForm value={filters} magasins={magasins} onChange={setFilters} />
      {!d.periodOk && (
        <Notice tone="attention">La date de début doit précéder la date de fin.</Notice>
      )}
      <Ventes d={d} filters={filters} />
      <StockAlerts d={d} />
    </>
  );
}
