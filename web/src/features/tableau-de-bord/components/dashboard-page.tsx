import { useMemo, useState } from 'react';
import { BarChart } from '../../../components/charts/bar-chart.js';
import { LineChart } from '../../../components/charts/line-chart.js';
import { Facts } from '../../../components/facts.js';
import { PageHeader } from '../../../components/page-header.js';
import { ErrorMessage, Loading, Notice } from '../../../components/status.js';
import type { RapportVentes } from '../../../lib/api-types.js';
import { getMagasins, getProduits, namesById } from '../../../lib/api/catalogue.js';
import { formatCents, formatCount, formatDay } from '../../../lib/format.js';
import { useQuery } from '../../../lib/use-query.js';
import { getRapport, stockAlerts } from '../api/dashboard-api.js';
import { fillDays } from '../utils/fill-days.js';
import {
  DashboardFiltersForm,
  type DashboardFilters,
  DEFAULT_DASHBOARD_FILTERS,
} from './dashboard-filters.js';
import { StockAlertTable } from './stock-alerts.js';

const TOP = 10;
const euros = (cents: number): string => formatCents(cents);
const eurosAxis = (cents: number): string => `${formatCount(Math.round(cents / 100))} €`;

function Kpis({ rapport }: { rapport: RapportVentes }) {
  const moyen = rapport.nombre_ventes > 0 ? rapport.total_cents / rapport.nombre_ventes : 0;
  const items = [
    { label: 'Chiffre d’affaires', value: formatCents(rapport.total_cents) },
    { label: 'Ventes', value: formatCount(rapport.nombre_ventes) },
    { label: 'Articles vendus', value: formatCount(rapport.articles_vendus) },
    { label: 'Panier moyen', value: formatCents(Math.round(moyen)) },
  ];
  return <Facts className="kpis" itemClassName="kpi" items={items} />;
}

function Charts({
  rapport,
  produits,
  magasins,
  filters,
}: {
  rapport: RapportVentes;
  produits: ReadonlyMap<number, string>;
  magasins: ReadonlyMap<number, string>;
  filters: DashboardFilters;
}) {
  const jours = fillDays(rapport.par_jour, filters.du, filters.au);
  return (
    <div className="charts">
      <BarChart
        caption={`Meilleures ventes (${TOP} premiers produits, en quantité)`}
        labelHeader="Produit"
        valueHeader="Quantité vendue"
        format={(n) => `${formatCount(n)} vendu${n > 1 ? 's' : ''}`}
        data={rapport.meilleurs_produits.map((p) => ({
          label: produits.get(p.produit_id) ?? `Produit n° ${p.produit_id}`,
          value: p.quantite,
        }))}
      />
      <BarChart
        caption="Chiffre d’affaires par magasin"
        labelHeader="Magasin"
        valueHeader="Chiffre d’affaires"
        format={euros}
        data={rapport.par_magasin.map((m) => ({
          label: magasins.get(m.magasin_id) ?? `Magasin n° ${m.magasin_id}`,
          value: m.total_cents,
        }))}
      />
      <div className="chart-wide">
        <LineChart
          caption="Tendance quotidienne du chiffre d’affaires"
          labelHeader="Jour"
          valueHeader="Chiffre d’affaires"
          format={euros}
          formatAxis={eurosAxis}
          data={jours.map((j) => ({ label: formatDay(j.jour), value: j.total_cents }))}
        />
      </div>
    </div>
  );
}

/** The stores' performance: sales from the ventes report, stock alerts from the stock service. */
export function DashboardPage() {
  const [filters, setFilters] = useState<DashboardFilters>(DEFAULT_DASHBOARD_FILTERS);
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

  return (
    <>
      <PageHeader
        title="Tableau de bord"
        description="Performance des magasins : ventes, meilleures ventes, ruptures et surstock."
        actions={
          <button
            type="button"
            className="button"
            onClick={() => {
              rapport.reload();
              alerts.reload();
            }}
          >
            Actualiser
          </button>
        }
      />
      <DashboardFiltersForm value={filters} magasins={magasins.data ?? []} onChange={setFilters} />
      {!periodOk && (
        <Notice tone="attention">La date de début doit précéder la date de fin.</Notice>
      )}
      <section aria-labelledby="ventes-title">
        <h2 id="ventes-title" className="visually-hidden">
          Ventes
        </h2>
        {rapport.error !== undefined && (
          <ErrorMessage error={rapport.error} title="Rapport des ventes :" />
        )}
        {rapport.loading && <Loading label="Calcul du rapport des ventes…" />}
        {rapport.data && (
          <>
            <Kpis rapport={rapport.data} />
            <Charts
              rapport={rapport.data}
              produits={produitNoms}
              magasins={magasinNoms}
              filters={filters}
            />
          </>
        )}
      </section>
      {alerts.error !== undefined && <ErrorMessage error={alerts.error} title="Stock :" />}
      {alerts.loading && <Loading label="Chargement des alertes de stock…" />}
      {alerts.data && (
        <div className="alerts-grid">
          <StockAlertTable
            id="ruptures-title"
            title="Produits en rupture"
            empty="Aucune rupture."
            lignes={alerts.data.ruptures}
            produits={produitNoms}
            magasins={magasinNoms}
            showQuantite={false}
          />
          <StockAlertTable
            id="surstock-title"
            title={`Produits en surstock (plus de ${alerts.data.seuil ?? seuil ?? '?'} unités)`}
            empty="Aucun produit au-dessus du seuil."
            lignes={alerts.data.surstock}
            produits={produitNoms}
            magasins={magasinNoms}
            showQuantite
          />
        </div>
      )}
    </>
  );
}
