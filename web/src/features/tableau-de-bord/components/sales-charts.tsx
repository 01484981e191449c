import { BarChart } from '../../../components/charts/bar-chart.js';
import { LineChart } from '../../../components/charts/line-chart.js';
import type { RapportVentes } from '../../../lib/api-types.js';
import { formatCents, formatCount, formatDay } from '../../../lib/format.js';
import { TOP } from '../hooks/use-dashboard.js';
import { fillDays } from '../utils/fill-days.js';
import type { DashboardFilters } from './dashboard-filters.js';
import styles from './sales-charts.module.css';

const euros = (cents: number): string => formatCents(cents);
const eurosAxis = (cents: number): string => `${formatCount(Math.round(cents / 100))} €`;

/** Best sellers, revenue by magasin, and the daily trend of the period. */
export function SalesCharts({
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
    <div className={styles.charts}>
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
      <div className={styles.wide}>
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
