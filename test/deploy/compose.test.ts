import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { DEMO_SERVICES } from '../../seeds/demo-seed.js';
import { SYSTEM_SERVICES } from '../../src/system/config.js';
import {
  APP_IMAGE,
  COMPOSE_BIN,
  compose,
  type ComposeFile,
  type ComposeService,
  dependsOf,
  hasCompose,
  isOneOff,
  networksOf,
  readYaml,
  useResolvedCompose,
} from './support/compose.js';
import { backendRoutes, loadKrakend } from './support/krakend.js';
import { requireTool } from '../support/tools.js';

/** Every process `npm start` runs is a container here too. */
const ENTRIES: readonly string[] = SYSTEM_SERVICES;
const PUBLISHED = ['frontend', 'grafana', 'jaeger', 'krakend', 'prometheus'];
/** Demo data per service database: which services own the databases the seed writes to. */
const SEEDED: readonly string[] = DEMO_SERVICES;

const hostPort = (url: string): [string, string] => {
  const u = new URL(url);
  return [u.hostname, u.port || '80'];
};

describe('deployment: docker-compose.yml', function () {
  this.timeout(60_000);
  let resolved: ComposeFile;
  /** The long-running services of the app image (not the one-off demo seed). */
  let apps: [string, ComposeService][];

  before(function () {
    requireTool(
      this,
      hasCompose(),
      `${COMPOSE_BIN} not found. Install it: apt-get install -y docker-compose`,
    );
  });

  it('passes `docker-compose config -q` with the secrets set', () => {
    const r = compose(['config', '-q']);
    expect(r.status, r.stderr).to.equal(0);
  });

  describe('wiring', () => {
    const view = useResolvedCompose();
    before(() => {
      ({ resolved, apps } = view());
    });

    const portOf = (name: string): string | undefined => {
      const s = resolved.services[name];
      if (name === 'stock-lb') return '8003';
      return s?.environment?.PORT ?? undefined;
    };

    it('runs every service from the one image, stock twice', () => {
      const commands = apps.map(([, s]) => [s.command].flat().join(' ')).sort();
      expect(commands).to.deep.equal([...ENTRIES, 'stock'].sort());
      for (const [name, s] of apps) expect(s.build, `${name} build`).to.not.equal(undefined);
    });

    it('publishes only the front, the gateway, Prometheus, Grafana and Jaeger on the host', () => {
      const published = Object.entries(resolved.services)
        .filter(([, s]) => (s.ports ?? []).length > 0)
        .map(([n]) => n)
        .sort();
      expect(published).to.deep.equal(PUBLISHED);
    });

    it('can scale the orchestrator: no container_name, no host port', () => {
      const orch = resolved.services['orchestrateur-service'];
      expect(orch, 'orchestrateur-service').to.not.equal(undefined);
      expect(orch?.container_name).to.equal(undefined);
      expect(orch?.ports ?? []).to.have.length(0);
      for (const [name, s] of Object.entries(resolved.services)) {
        expect(s.container_name, `${name} container_name`).to.equal(undefined);
      }
    });

    it('has the backend, edge and observability networks, each with only its members', () => {
      expect(Object.keys(resolved.networks ?? {})).to.have.members([
        'backend',
        'edge',
        'observability',
      ]);
      const on = (name: string): string[] => networksOf(resolved.services[name] ?? {});
      expect(on('grafana')).to.deep.equal(['observability']);
      expect(on('prometheus')).to.have.members(['backend', 'observability']);
      // Jaeger takes the services' spans on backend and answers Grafana on observability.
      expect(on('jaeger')).to.have.members(['backend', 'observability']);
      // The front reaches the gateway and nothing else; the gateway reaches the services.
      expect(on('frontend')).to.deep.equal(['edge']);
      expect(on('krakend')).to.have.members(['backend', 'edge']);
      for (const [name, s] of apps) expect(networksOf(s), name).to.deep.equal(['backend']);
    });

    it('gives every service its own PostgreSQL with a healthcheck and a named volume', () => {
      const dbHosts = new Set<string>();
      for (const [name, s] of apps) {
        const url = s.environment?.DATABASE_URL ?? '';
        expect(url, `${name} DATABASE_URL`).to.match(/^postgres:\/\//);
        const [host] = hostPort(url);
        const db = resolved.services[host];
        expect(db, `${name}: database ${host}`).to.not.equal(undefined);
        expect(db?.image, host).to.match(/^postgres:/);
        expect(db?.healthcheck?.test, `${host} healthcheck`).to.not.equal(undefined);
        const named = (db?.volumes ?? []).some((v) =>
          typeof v === 'string'
            ? Object.keys(resolved.volumes ?? {}).includes(v.split(':')[0] ?? '')
            : v.type === 'volume',
        );
        expect(named, `${host} named volume`).to.equal(true);
        dbHosts.add(host);
      }
      // Eight services, eight databases: the two stock instances share theirs.
      expect(dbHosts.size).to.equal(ENTRIES.length);
    });

    it('gives every long-running container a restart policy and a healthcheck', () => {
      for (const [name, s] of Object.entries(resolved.services)) {
        if (isOneOff(s)) continue;
        expect(s.restart, `${name} restart`).to.be.oneOf([
          'unless-stopped',
          'always',
          'on-failure',
        ]);
        expect(s.healthcheck?.test, `${name} healthcheck`).to.not.equal(undefined);
      }
    });

    it('starts services only once what they need is healthy', () => {
      for (const [name, s] of Object.entries(resolved.services)) {
        for (const [dep, d] of Object.entries(dependsOf(s))) {
          expect(resolved.services[dep], `${name} -> ${dep}`).to.not.equal(undefined);
          expect(d.condition, `${name} -> ${dep}`).to.equal('service_healthy');
        }
      }
      for (const [name, s] of apps) {
        const env = s.environment ?? {};
        const called = Object.entries(env)
          .filter(([k, v]) => k.endsWith('_URL') && /^https?:/.test(v ?? ''))
          .map(([, v]) => hostPort(v ?? '')[0]);
        const dbHost = hostPort(env.DATABASE_URL ?? '')[0];
        expect(Object.keys(dependsOf(s)), `${name} depends_on`).to.include.members([
          dbHost,
          ...called,
        ]);
      }
    });

    it('loads the demo data once, from the app image, after the services own their schemas', () => {
      const seed = resolved.services['demo-seed'];
      expect(seed, 'demo-seed').to.not.equal(undefined);
      expect(seed?.image).to.equal(APP_IMAGE);
      expect([seed?.command].flat()).to.deep.equal(['seed']);
      expect(seed?.restart).to.equal('no');
      expect(seed?.ports ?? []).to.have.length(0);
      expect(seed && networksOf(seed)).to.deep.equal(['backend']);
      const deps = seed ? dependsOf(seed) : {};
      for (const service of SEEDED) {
        const url = seed?.environment?.[`${service.toUpperCase()}_DATABASE_URL`] ?? '';
        expect(url, `${service} database`).to.match(/^postgres:\/\//);
        // Every service container on that database must be healthy, i.e. migrated, first.
        const owners = apps.filter(([, s]) => s.environment?.DATABASE_URL === url);
        expect(owners, `services on ${url}`).to.not.have.length(0);
        for (const [owner] of owners) {
          expect(deps[owner]?.condition, `demo-seed -> ${owner}`).to.equal('service_healthy');
        }
      }
      expect(Object.values(resolved.services).filter(isOneOff)).to.have.length(1);
    });

    it('points every service URL at a compose service on the port it listens on', () => {
      for (const [name, s] of apps) {
        for (const [key, value] of Object.entries(s.environment ?? {})) {
          if (!key.endsWith('_URL') || !/^https?:/.test(value ?? '')) continue;
          const [host, port] = hostPort(value ?? '');
          expect(resolved.services[host], `${name} ${key}: ${host}`).to.not.equal(undefined);
          expect(port, `${name} ${key}`).to.equal(portOf(host));
        }
      }
      const orch = resolved.services['orchestrateur-service']?.environment ?? {};
      expect(orch.STOCK_URL).to.equal('http://stock-lb:8003');
      for (const key of ['PANIER_URL', 'CLIENT_URL', 'VENTES_URL', 'DATABASE_URL']) {
        expect(orch[key], key).to.be.a('string').and.not.equal('');
      }
    });

    it('balances stock over both instances with nginx', () => {
      const conf = readFileSync('deploy/nginx/stock-lb.conf', 'utf8');
      const servers = [...conf.matchAll(/^\s*server\s+([\w.-]+):(\d+)/gm)].map((m) => [m[1], m[2]]);
      expect(servers).to.deep.equal([
        ['stock-service-1', '8003'],
        ['stock-service-2', '8003'],
      ]);
      for (const [host, port] of servers) expect(portOf(host ?? '')).to.equal(port);
      expect(conf).to.match(/listen\s+8003;/);
      expect(resolved.services['stock-lb']?.image).to.match(/^nginx:/);
    });

    it('sends the gateway only to compose services, on their ports', () => {
      for (const r of backendRoutes(loadKrakend())) {
        expect(resolved.services[r.service], `${r.endpoint} -> ${r.service}`).to.not.equal(
          undefined,
        );
      }
      const cfg = loadKrakend();
      for (const e of cfg.endpoints) {
        for (const h of e.backend.flatMap((b) => b.host)) {
          const [host, port] = hostPort(h);
          expect(port, `${e.endpoint} -> ${h}`).to.equal(portOf(host));
        }
      }
    });

    it('has Prometheus scrape every instance of every service', () => {
      const prom = readYaml('deploy/prometheus/prometheus.yml') as {
        scrape_configs: {
          job_name: string;
          static_configs?: { targets: string[] }[];
          dns_sd_configs?: { names: string[]; port: number }[];
        }[];
      };
      const scraped = new Set<string>();
      for (const job of prom.scrape_configs) {
        for (const t of (job.static_configs ?? []).flatMap((c) => c.targets)) {
          const [host, port] = t.split(':');
          if (host === 'localhost') continue;
          expect(resolved.services[host ?? ''], `${job.job_name}: ${t}`).to.not.equal(undefined);
          expect(port, t).to.equal(portOf(host ?? ''));
          scraped.add(host ?? '');
        }
        for (const d of job.dns_sd_configs ?? []) {
          for (const n of d.names) {
            expect(String(d.port), n).to.equal(portOf(n));
            scraped.add(n);
          }
        }
      }
      expect([...scraped].sort()).to.deep.equal(apps.map(([n]) => n).sort());
      // Replicas of the orchestrator are found through Docker's DNS, not a fixed target.
      const orch = prom.scrape_configs.find((j) => j.job_name === 'orchestrateur');
      expect(orch?.dns_sd_configs?.[0]?.names).to.deep.equal(['orchestrateur-service']);
    });

    it('mounts the gateway, Prometheus and Grafana configuration from deploy/', () => {
      const mounts = (name: string): string[] =>
        (resolved.services[name]?.volumes ?? []).map((v) =>
          typeof v === 'string' ? v : `${v.source ?? ''}:${v.target ?? ''}`,
        );
      expect(mounts('krakend').join()).to.contain('deploy/krakend/krakend.json');
      expect(mounts('prometheus').join()).to.contain('deploy/prometheus/alerts.yml');
      expect(mounts('grafana').join()).to.contain('deploy/grafana/provisioning');
      const provider = readYaml('deploy/grafana/provisioning/dashboards/saga.yml') as {
        providers: { options: { path: string } }[];
      };
      const dashboardsDir = provider.providers[0]?.options.path ?? '';
      expect(mounts('grafana').join()).to.contain(`deploy/grafana/dashboards:${dashboardsDir}`);
    });
  });
});
