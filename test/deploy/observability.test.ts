import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { run } from './support/compose.js';
import {
  dashboardQueries,
  type DashboardQuery,
  failingQueries,
  loadDashboard,
} from './support/dashboard.js';
import {
  activeTargets,
  hasPrometheus,
  hasPromtool,
  instantQuery,
  PROMETHEUS_BIN,
  PROMTOOL_BIN,
  type RunningPrometheus,
  ruleStates,
  sleep,
  startPrometheus,
  waitFor,
} from './support/prometheus.js';
import { type CheckoutRun, driveCheckouts, startSystem, type System } from './support/system.js';
import { requireTool } from '../support/tools.js';

const ALERTS = path.resolve('deploy/prometheus/alerts.yml');

describe('deployment: Prometheus configuration and alerts', () => {
  before(function () {
    requireTool(
      this,
      hasPromtool(),
      `${PROMTOOL_BIN} not found. Install it: apt-get install -y prometheus`,
    );
  });

  it('passes `promtool check config` on deploy/prometheus/prometheus.yml', () => {
    const r = run(PROMTOOL_BIN, ['check', 'config', 'deploy/prometheus/prometheus.yml']);
    expect(r.status, r.stdout + r.stderr).to.equal(0);
  });

  it('passes `promtool check rules` on deploy/prometheus/alerts.yml', () => {
    const r = run(PROMTOOL_BIN, ['check', 'rules', 'deploy/prometheus/alerts.yml']);
    expect(r.status, r.stdout + r.stderr).to.equal(0);
  });

  it('fires the saga alerts on the situations they describe (promtool test rules)', () => {
    const r = run(PROMTOOL_BIN, ['test', 'rules', 'test/deploy/support/alerts.rules-test.yml']);
    expect(r.status, r.stdout + r.stderr).to.equal(0);
  });
});

/** An instant vector by job, e.g. `{ orchestrateur: 1, stock: 2 }`. */
async function upPerJob(url: string, expr: string): Promise<Record<string, number>> {
  const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await res.json()) as {
    status: string;
    data: { result: { metric: { job?: string }; value: [number, string] }[] };
  };
  expect(body.status, expr).to.equal('success');
  return Object.fromEntries(body.data.result.map((r) => [r.metric.job ?? '', Number(r.value[1])]));
}

describe('deployment: Grafana dashboard against a real Prometheus', function () {
  this.timeout(90_000);
  const dashboard = loadDashboard();
  const queries = dashboardQueries(dashboard);
  let sys: System | undefined;
  let prom: RunningPrometheus | undefined;
  let dir: string | undefined;
  let checkouts: CheckoutRun;

  it('is a dashboard with the saga, step, compensation, recovery and HTTP panels', () => {
    expect(dashboard.uid).to.equal('saga-checkout');
    const all = queries.map((q) => q.expr).join('\n');
    for (const metric of [
      'commande_etat_total',
      'commandes_par_etat',
      'checkout_total',
      'saga_duration_seconds_bucket',
      'saga_step_duration_seconds_bucket',
      'saga_step_duration_seconds_count',
      'saga_compensations_total',
      'saga_compensation_echouee_total',
      'sagas_en_attente_operateur',
      'saga_attente_operateur_max_seconds',
      'sagas_en_cours',
      'sagas_recuperees_total',
      'saga_recovery_lag_seconds_bucket',
      'http_request_duration_seconds_count',
      'http_request_duration_seconds_bucket',
    ]) {
      expect(all, metric).to.contain(metric);
    }
    for (const q of [0.5, 0.95, 0.99]) {
      expect(all).to.contain(`histogram_quantile(${q}, sum by (le, etat_final)`);
    }
  });

  describe('after checkouts of every outcome', () => {
    before(async function () {
      requireTool(
        this,
        hasPrometheus(),
        `${PROMETHEUS_BIN} not found. Install it: apt-get install -y prometheus`,
      );
      sys = await startSystem();
      dir = await mkdtemp(path.join(tmpdir(), 'saga-prometheus-'));
      const jobs = new Map<string, string[]>();
      for (const i of sys.instances)
        jobs.set(i.job, [...(jobs.get(i.job) ?? []), `127.0.0.1:${i.port}`]);
      const config = [
        'global: { scrape_interval: 1s, scrape_timeout: 900ms, evaluation_interval: 1s }',
        `rule_files: [${JSON.stringify(ALERTS)}]`,
        'scrape_configs:',
        ...[...jobs].map(
          ([job, targets]) =>
            `  - { job_name: ${job}, static_configs: [{ targets: ${JSON.stringify(targets)} }] }`,
        ),
      ].join('\n');
      const file = path.join(dir, 'prometheus.yml');
      await writeFile(file, `${config}\n`);
      prom = await startPrometheus(file, path.join(dir, 'data'));
      const url = prom.url;
      const expected = sys.instances.length;
      await waitFor('every target up', async () => {
        const targets = await activeTargets(url);
        return targets.length === expected && targets.every((t) => t.health === 'up')
          ? true
          : undefined;
      });
      // Checkouts after the first scrapes, so rate() and increase() see them happen.
      await sleep(1500);
      checkouts = await driveCheckouts(sys);
      await waitFor('the checkouts to be scraped', async () => {
        const r = await instantQuery(url, 'sum by (status) (checkout_total)');
        return r.series >= 3 ? true : undefined;
      });
      await sleep(2500);
    });

    after(async () => {
      await prom?.stop();
      await sys?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('drove one checkout of each outcome', () => {
      expect(checkouts.statuses).to.deep.equal({
        confirmee: 201,
        panier_vide: 409,
        client_inconnu: 409,
        stock_insuffisant: 409,
        solde_insuffisant: 409,
        paiement_en_panne: 502,
      });
    });

    it('scraped every instance, both stock instances included', async () => {
      const targets = await activeTargets(prom?.url ?? '');
      const stock = targets.filter((t) => t.labels.job === 'stock');
      expect(stock).to.have.length(2);
      expect(targets.filter((t) => t.health !== 'up').map((t) => t.lastError)).to.deep.equal([]);
    });

    it('returns data for every PromQL expression of the dashboard', async () => {
      expect(queries.length).to.be.greaterThan(15);
      expect(await failingQueries(prom?.url ?? '', queries)).to.deep.equal([]);
    });

    it('counts each target once in the "Targets up" panel (stock 2, every other job 1)', async () => {
      const url = prom?.url ?? '';
      const panel = dashboard.panels.find((p) => p.title === 'Targets up');
      const expr = panel?.targets?.[0]?.expr ?? '';
      expect(expr, 'the panel and its query').to.not.equal('');
      const deployed: Record<string, number> = {};
      for (const i of sys?.instances ?? []) deployed[i.job] = (deployed[i.job] ?? 0) + 1;
      expect(deployed.stock).to.equal(2);
      expect(await upPerJob(url, expr)).to.deep.equal(deployed);
      // No service exposes a series of its own named `up` beside Prometheus's.
      expect(await upPerJob(url, 'count by (job) (up{service!=""})')).to.deep.equal({});
    });

    it('reports a broken or misspelt expression (the check can fail)', async () => {
      const broken: DashboardQuery[] = [
        { where: 'syntax', expr: 'sum by (etat) (rate(commande_etat_total[$__rate_interval])' },
        { where: 'misspelt metric', expr: 'sum(rate(commande_etats_total[$__rate_interval]))' },
        { where: 'wrong label', expr: 'sum(checkout_total{statut="201"})' },
      ];
      const failures = await failingQueries(prom?.url ?? '', broken);
      expect(failures).to.have.length(3);
      expect(failures[0]).to.match(/^syntax: .*parse error/);
      expect(failures[1]).to.match(/^misspelt metric: no data/);
      expect(failures[2]).to.match(/^wrong label: no data/);
    });

    it('evaluates every alert rule without error on live data', async () => {
      const url = prom?.url ?? '';
      const rules = await waitFor('the alert rules to be evaluated', async () => {
        const all = await ruleStates(url);
        return all.length > 0 && all.every((r) => r.health !== 'unknown') ? all : undefined;
      });
      expect(
        rules.filter((r) => r.health !== 'ok').map((r) => `${r.name}: ${r.lastError}`),
      ).to.deep.equal([]);
    });
  });
});
