import { readFileSync } from 'node:fs';
import { instantQuery } from './prometheus.js';

export const DASHBOARD_FILE = 'deploy/grafana/dashboards/saga.json';

interface Target {
  expr?: string;
  refId?: string;
}

interface Panel {
  title?: string;
  type?: string;
  targets?: Target[];
  panels?: Panel[];
}

interface Variable {
  name: string;
  type: string;
  query?: string | { query?: string };
}

export interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
  templating?: { list: Variable[] };
}

/** One PromQL expression of the dashboard and where it comes from. */
export interface DashboardQuery {
  where: string;
  expr: string;
}

export const loadDashboard = (file = DASHBOARD_FILE): Dashboard =>
  JSON.parse(readFileSync(file, 'utf8')) as Dashboard;

/** Every panel target's expr (rows' nested panels included) and every query variable. */
export function dashboardQueries(dash: Dashboard): DashboardQuery[] {
  const out: DashboardQuery[] = [];
  const walk = (panels: readonly Panel[]): void => {
    for (const p of panels) {
      for (const t of p.targets ?? []) {
        if (t.expr !== undefined)
          out.push({ where: `${p.title ?? '?'} [${t.refId ?? '?'}]`, expr: t.expr });
      }
      walk(p.panels ?? []);
    }
  };
  walk(dash.panels);
  for (const v of dash.templating?.list ?? []) {
    if (v.type !== 'query') continue;
    const q = typeof v.query === 'string' ? v.query : (v.query?.query ?? '');
    // Grafana's label_values(metric, label) lists the label's values on that metric.
    const m = /^label_values\((.+),\s*(\w+)\)$/.exec(q.trim());
    out.push({ where: `variable $${v.name}`, expr: m ? `count by (${m[2]}) (${m[1]})` : q });
  }
  return out;
}

/** Grafana's variables, replaced as Grafana would for "All" on a short time range. */
export const toPromQL = (expr: string): string =>
  expr
    .replaceAll('$__rate_interval', '1m')
    .replaceAll('$__interval', '15s')
    .replaceAll('$__range', '5m')
    .replace(/\$\{service(:\w+)?\}|\$service\b/g, '.*');

/**
 * Asks Prometheus for each expression; an expression fails when Prometheus rejects it or
 * answers with no series at all (a typo in a metric or label name looks exactly like that).
 */
export async function failingQueries(
  promUrl: string,
  queries: readonly DashboardQuery[],
): Promise<string[]> {
  const failures: string[] = [];
  for (const q of queries) {
    const promql = toPromQL(q.expr);
    const r = await instantQuery(promUrl, promql);
    if (r.error !== undefined) failures.push(`${q.where}: ${r.error} in ${promql}`);
    else if (r.series === 0) failures.push(`${q.where}: no data for ${promql}`);
  }
  return failures;
}
