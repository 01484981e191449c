import { Facts } from '../../../components/facts.js';
import type { RapportVentes } from '../../../lib/api-types.js';
import { formatCents, formatCount } from '../../../lib/format.js';
import styles from './kpis.module.css';

/** The period's key figures: revenue, sales, articles, average basket. */
export function Kpis({ rapport }: { rapport: RapportVentes }) {
  const moyen = rapport.nombre_ventes > 0 ? rapport.total_cents / rapport.nombre_ventes : 0;
  const items = [
    { label: 'Chiffre d’affaires', value: formatCents(rapport.total_cents) },
    { label: 'Ventes', value: formatCount(rapport.nombre_ventes) },
    { label: 'Articles vendus', value: formatCount(rapport.articles_vendus) },
    { label: 'Panier moyen', value: formatCents(Math.round(moyen)) },
  ];
  return <Facts className={styles.kpis} itemClassName={styles.kpi} items={items} />;
}
