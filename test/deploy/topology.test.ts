import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import {
  compose,
  dependsOf,
  networksOf,
  resolvedCompose,
  TEST_SECRETS,
  useResolvedCompose,
} from './support/compose.js';
import type { ComposeService } from './support/compose.js';
import { EXPECTED_VALIDATOR } from './support/gateway-auth.js';
import { loadKrakend } from './support/krakend.js';

/** The saga participants: the only services that may carry the demo fault switches. */
const PARTICIPANTS = [
  'panier-service',
  'stock-service-1',
  'stock-service-2',
  'client-service',
  'ventes-service',
];
const SECRETS = Object.keys(TEST_SECRETS);

const without = (name: string): Record<string, string> =>
  Object.fromEntries(Object.entries(TEST_SECRETS).filter(([k]) => k !== name));

/** `127.0.0.1:9090:9090/tcp` (docker-compose 1.29's resolved short syntax) as its parts. */
function published(s: ComposeService | undefined): { bind: string; host: string; to: string }[] {
  return (s?.ports ?? []).map((p) => {
    const [bind = '', host = '', to = ''] = String(p)
      .replace(/\/tcp$/, '')
      .split(':');
    return { bind, host, to };
  });
}

describe('deployment: identity, secrets and the web front in docker-compose.yml', function () {
  this.timeout(60_000);
  const view = useResolvedCompose();
  const env = (name: string): Record<string, string | null> =>
    view().resolved.services[name]?.environment ?? {};

  describe('secrets', () => {
    for (const name of SECRETS) {
      it(`refuses to run without ${name}, and says which variable is missing`, () => {
        const unset = compose(['config', '-q'], without(name));
        expect(unset.status).to.not.equal(0);
        expect(unset.stderr).to.contain(name);
        const empty = compose(['config', '-q'], { ...without(name), [name]: '' });
        expect(empty.status, `${name} empty`).to.not.equal(0);
      });
    }

    it('gives every service the shared service token, and the superuser password to no service', () => {
      for (const [name] of view().apps) {
        const e = env(name);
        expect(e.DATABASE_URL, name).to.not.contain(`:${TEST_SECRETS.POSTGRES_PASSWORD}@`);
        if (name === 'auth-service') continue;
        expect(e.SERVICE_TOKEN, name).to.equal(TEST_SECRETS.SERVICE_TOKEN);
      }
      for (const [name, s] of Object.entries(view().resolved.services)) {
        if (!/^postgres:/.test(s.image ?? '')) continue;
        expect(s.environment?.POSTGRES_PASSWORD, name).to.equal(TEST_SECRETS.POSTGRES_PASSWORD);
      }
    });

    it("takes Grafana's admin password from the environment, with no anonymous access", () => {
      const grafana = env('grafana');
      expect(grafana.GF_SECURITY_ADMIN_PASSWORD).to.equal(TEST_SECRETS.GRAFANA_ADMIN_PASSWORD);
      expect(grafana.GF_AUTH_ANONYMOUS_ENABLED).to.equal('false');
      expect(grafana.GF_USERS_ALLOW_SIGN_UP).to.equal('false');
    });

    it('keeps no trace of the shared admin token identity replaced', () => {
      const text = readFileSync('docker-compose.yml', 'utf8');
      expect(text).to.not.contain('ADMIN_TOKEN');
    });
  });

  describe('published ports', () => {
    it('publishes the front and the gateway on every interface', () => {
      expect(published(view().resolved.services.frontend)).to.deep.equal([
        { bind: '0.0.0.0', host: '8081', to: '8080' },
      ]);
      expect(published(view().resolved.services.krakend)).to.deep.equal([
        { bind: '0.0.0.0', host: '8080', to: '8080' },
      ]);
    });

    it('publishes Prometheus and Grafana on 127.0.0.1 unless told otherwise', () => {
      expect(published(view().resolved.services.prometheus)).to.deep.equal([
        { bind: '127.0.0.1', host: '9090', to: '9090' },
      ]);
      expect(published(view().resolved.services.grafana)).to.deep.equal([
        { bind: '127.0.0.1', host: '3000', to: '3000' },
      ]);
      // Reachable Prometheus must not take orders: no HTTP reload or quit.
      expect([view().resolved.services.prometheus?.command].flat()).to.not.include(
        '--web.enable-lifecycle',
      );
      const told = resolvedCompose({
        ...TEST_SECRETS,
        PROMETHEUS_BIND: '0.0.0.0',
        GRAFANA_BIND: '10.1.2.3',
        GRAFANA_PORT: '3300',
      });
      expect(published(told.services.prometheus)[0]?.bind).to.equal('0.0.0.0');
      expect(published(told.services.grafana)[0]).to.deep.equal({
        bind: '10.1.2.3',
        host: '3300',
        to: '3000',
      });
    });
  });

  describe('identity', () => {
    it('runs the auth service on its own database, scraped and seeded like the others', () => {
      const auth = view().resolved.services['auth-service'];
      expect([auth?.command].flat()).to.deep.equal(['auth']);
      expect(env('auth-service').PORT).to.equal('8007');
      expect(env('auth-service').DATABASE_URL).to.match(/@auth-db:5432\/auth$/);
      expect(view().resolved.services['auth-db']?.image).to.match(/^postgres:/);
      expect(dependsOf(auth ?? {})['auth-db']?.condition).to.equal('service_healthy');
      expect(env('demo-seed').AUTH_DATABASE_URL).to.equal(env('auth-service').DATABASE_URL);
    });

    it('makes every service and the orchestrator check tokens as the gateway does', () => {
      const gatewayKeys = new URL(EXPECTED_VALIDATOR.jwk_url);
      expect(gatewayKeys.hostname).to.equal('auth-service');
      expect(gatewayKeys.port).to.equal(env('auth-service').PORT);
      for (const [name] of view().apps) {
        const e = env(name);
        expect(e.AUTH_REQUIRED, name).to.equal('true');
        expect(e.AUTH_ISSUER, name).to.equal(EXPECTED_VALIDATOR.issuer);
        expect(e.AUTH_AUDIENCE, name).to.equal(EXPECTED_VALIDATOR.audience[0]);
        if (name === 'auth-service') continue;
        expect(e.AUTH_JWKS_URL, name).to.equal(EXPECTED_VALIDATOR.jwk_url);
      }
    });

    it('points the gateway at every service it routes to, the auth service included', () => {
      const deps = Object.keys(dependsOf(view().resolved.services.krakend ?? {}));
      const hosts = loadKrakend().endpoints.flatMap((e) =>
        e.backend.flatMap((b) => b.host.map((h) => new URL(h).hostname)),
      );
      expect(deps).to.include.members([...new Set(hosts)]);
    });
  });

  describe('every app container', () => {
    it('listens on 0.0.0.0 (the services default to 127.0.0.1)', () => {
      expect(view().apps.length).to.equal(9);
      for (const [name] of view().apps) expect(env(name).HOST, name).to.equal('0.0.0.0');
    });

    it('leaves the demo fault switches off unless DEMO_FAULTS is set', () => {
      for (const name of PARTICIPANTS) expect(env(name).DEMO_FAULTS, name).to.equal('false');
      for (const [name] of view().apps)
        expect(env(name).DEMO_FAULTS ?? 'false', name).to.equal('false');
      const demo = resolvedCompose({ ...TEST_SECRETS, DEMO_FAULTS: 'true' });
      for (const name of PARTICIPANTS) {
        expect(demo.services[name]?.environment?.DEMO_FAULTS, name).to.equal('true');
      }
    });
  });

  describe('the web front', () => {
    it('is the Dockerfile frontend target, started once the gateway is healthy', () => {
      const front = view().resolved.services.frontend;
      const build = front?.build;
      expect(typeof build === 'object' ? build.target : build).to.equal('frontend');
      expect(front?.healthcheck?.test, 'healthcheck').to.not.equal(undefined);
      expect(dependsOf(front ?? {}).krakend?.condition).to.equal('service_healthy');
    });

    it('reaches the API only through the gateway, on the gateway port', () => {
      const conf = readFileSync('deploy/nginx/frontend.conf', 'utf8');
      const gateway = /^\s*set \$gateway ([\w.-]+):(\d+);/m.exec(conf);
      expect(gateway?.[1]).to.equal('krakend');
      expect(Number(gateway?.[2])).to.equal(loadKrakend().port);
      const proxied = [...conf.matchAll(/proxy_pass\s+([^;]+);/g)].map((m) => m[1]);
      expect(proxied).to.not.be.empty;
      for (const target of proxied) expect(target).to.equal('http://$gateway');
      const onEdge = Object.entries(view().resolved.services)
        .filter(([, s]) => networksOf(s).includes('edge'))
        .map(([n]) => n);
      expect(onEdge).to.have.members(['frontend', 'krakend']);
    });
  });
});
