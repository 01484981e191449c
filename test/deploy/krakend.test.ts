import { expect } from 'chai';
import {
  backendRoutes,
  type KrakendConfig,
  type KrakendEndpoint,
  loadKrakend,
  missingRoutes,
  placeholders,
} from './support/krakend.js';
import { type AccessTable, type GatewayRole, validatorProblems } from './support/gateway-auth.js';
import { fetchKeySet, login, tokenProblems } from './support/issued-tokens.js';
import { documentedOperations, openapiProblems } from './support/openapi.js';
import { startSystem, type System } from './support/system.js';
import { requireTool } from '../support/tools.js';

const lower = (xs: readonly string[] | undefined): string[] =>
  (xs ?? []).map((x) => x.toLowerCase());
const key = (e: KrakendEndpoint): string => `${e.method ?? 'GET'} ${e.endpoint}`;
const seconds = (d: string | undefined): number => {
  const m = /^(\d+)(ms|s|m)$/.exec(d ?? '');
  if (!m) return 0;
  const n = Number(m[1]);
  return m[2] === 'ms' ? n / 1000 : m[2] === 'm' ? n * 60 : n;
};

const C: GatewayRole[] = ['client'];
const O: GatewayRole[] = ['operateur'];
const CO: GatewayRole[] = ['client', 'operateur'];
const PANNES = ['panier', 'stock', 'client', 'ventes'] as const;

/**
 * What the gateway offers, and to whom (plan.md's access table; null: public): every route the
 * web front calls, the operator's resume, cancel and key rotation, and the demo fault switches (which
 * exist only in participants started with DEMO_FAULTS=true).
 */
const ACCESS: AccessTable = {
  'POST /api/auth/token': null,
  'GET /.well-known/jwks.json': null,
  'GET /api/auth/demo': null,
  'POST /api/auth/keys/rotate': O,
  'GET /api/produits': null,
  'GET /api/produits/{id}': null,
  'POST /api/produits': O,
  'PUT /api/produits/{id}': O,
  'GET /api/produits/{id}/historique': O,
  'GET /api/magasins': null,
  'GET /api/magasins/{id}': null,
  'POST /api/magasins': O,
  'PUT /api/magasins/{id}': O,
  'GET /api/magasins/{id}/historique': O,
  'GET /api/stock/magasins/{magasin_id}': CO,
  'GET /api/stock/magasins/{magasin_id}/ruptures': O,
  'GET /api/stock/magasins/{magasin_id}/surstock': O,
  'GET /api/stock/magasins/{magasin_id}/historique': O,
  'GET /api/stock/magasins/{magasin_id}/produits/{produit_id}': CO,
  'PUT /api/stock/magasins/{magasin_id}/produits/{produit_id}': O,
  'POST /api/stock/magasins/{magasin_id}/produits/{produit_id}/ajuster': O,
  'GET /api/stock/magasins/{magasin_id}/produits/{produit_id}/historique': O,
  'GET /api/panier/{client_id}': CO,
  'POST /api/panier/{client_id}/lignes': C,
  'PUT /api/panier/{client_id}/lignes/{produit_id}': C,
  'DELETE /api/panier/{client_id}/lignes/{produit_id}': C,
  'GET /api/clients': O,
  'POST /api/clients': O,
  'GET /api/clients/{id}': CO,
  'POST /api/clients/{id}/crediter': O,
  'POST /api/commande/checkout': C,
  'GET /api/commande/{id}': CO,
  'GET /api/commande/{id}/historique': CO,
  'GET /api/commandes': CO,
  'POST /api/commande/{id}/reprendre': O,
  'POST /api/commande/{id}/annuler': O,
  'POST /api/inscriptions': null,
  'GET /api/inscriptions': O,
  'GET /api/inscriptions/{id}': O,
  'POST /api/inscriptions/{id}/reprendre': O,
  'POST /api/inscriptions/{id}/annuler': O,
  'GET /api/ventes/rapport': O,
  ...Object.fromEntries(
    PANNES.flatMap((p) => [
      [`GET /api/pannes/${p}`, O],
      [`PUT /api/pannes/${p}/{operation}`, O],
      [`DELETE /api/pannes/${p}`, O],
    ]),
  ),
};

/**
 * Saga participant calls: only the orchestrator (or panier) may make them, never a client.
 * (crediter is an operator's action, checked by the access table.)
 */
const INTERNAL = [
  /^\/api\/stock\/(reserver|liberer)$/,
  /\/payer$/,
  /\/rembourser$/,
  /\/vider$/,
  /^\/api\/(auth|clients)\/inscriptions/,
];

describe('deployment: KrakenD gateway (deploy/krakend/krakend.json)', () => {
  const cfg: KrakendConfig = loadKrakend();
  const byKey = new Map(cfg.endpoints.map((e) => [key(e), e]));

  describe('configuration', () => {
    it('is KrakenD v3 format with CORS for what the front sends and reads', () => {
      expect(cfg.version).to.equal(3);
      const cors = cfg.extra_config?.['security/cors'] as
        | {
            allow_origins?: string[];
            allow_methods?: string[];
            allow_headers?: string[];
            expose_headers?: string[];
            allow_credentials?: boolean;
          }
        | undefined;
      expect(cors?.allow_origins).to.be.an('array').that.is.not.empty;
      expect(cors?.allow_methods).to.include.members(['GET', 'POST', 'PUT', 'DELETE']);
      expect(lower(cors?.allow_headers)).to.include.members([
        'content-type',
        'authorization',
        'idempotency-key',
        'x-request-id',
      ]);
      expect(lower(cors?.expose_headers)).to.include.members([
        'location',
        'retry-after',
        'x-request-id',
        'idempotent-replayed',
      ]);
      // Tokens travel in Authorization, never in cookies: no origin gets ambient credentials.
      expect(cors?.allow_credentials).to.equal(false);
    });

    it('declares exactly the routes of the access table, each once', () => {
      expect([...byKey.keys()]).to.have.members(Object.keys(ACCESS));
      expect(byKey.size, 'duplicate method + path').to.equal(cfg.endpoints.length);
    });

    it("carries KrakenD's auth/validator on every protected route, with its roles", () => {
      expect(validatorProblems(cfg, ACCESS)).to.deep.equal([]);
    });

    it('catches a route without the validator, wrong roles, a misspelt key and a lax setting', () => {
      const broken = structuredClone(cfg);
      const at = (k: string): KrakendEndpoint => {
        const e = broken.endpoints.find((x) => key(x) === k);
        if (e === undefined) throw new Error(`no ${k}`);
        return e;
      };
      const validator = (k: string): Record<string, unknown> =>
        at(k).extra_config?.['auth/validator'] as Record<string, unknown>;
      delete at('GET /api/panier/{client_id}').extra_config?.['auth/validator'];
      validator('POST /api/commande/{id}/reprendre').roles = ['client', 'operateur'];
      const rapport = validator('GET /api/ventes/rapport');
      rapport.role = rapport.roles;
      delete rapport.roles;
      validator('GET /api/commandes').alg = 'HS256';
      validator('GET /api/clients/{id}').audience = [];
      at('GET /api/produits').extra_config = {
        'auth/validator': validator('GET /api/commandes'),
      };
      broken.endpoints.push({
        endpoint: '/api/clients/{id}/paiements',
        method: 'GET',
        backend: [
          { host: ['http://client-service:8004'], url_pattern: '/api/clients/{id}/paiements' },
        ],
      });
      expect(validatorProblems(broken, ACCESS)).to.deep.equal([
        'GET /api/produits: public, but has a validator',
        'GET /api/panier/{client_id}: no auth/validator',
        'GET /api/clients/{id}: audience is [], not ["saga-retail-api"]',
        'GET /api/commandes: alg is "HS256", not "ES256"',
        'POST /api/commande/{id}/reprendre: roles ["client","operateur"], not ["operateur"]',
        'GET /api/ventes/rapport: unknown validator key role',
        'GET /api/ventes/rapport: roles [], not ["operateur"]',
        'GET /api/clients/{id}/paiements: not in the access table',
      ]);
    });

    it('agrees with docs/openapi: documented routes, roles, public ones and query strings', function () {
      const ops = documentedOperations();
      requireTool(this, ops !== undefined, 'python3-yaml is needed to read docs/openapi');
      expect(openapiProblems(cfg, ops)).to.deep.equal([]);
    });

    it('catches a route the docs call public, other roles, a dropped query string or Content-Type', function () {
      const ops = documentedOperations();
      requireTool(this, ops !== undefined, 'python3-yaml is needed to read docs/openapi');
      const broken = structuredClone(cfg);
      const at = (k: string): KrakendEndpoint | undefined =>
        broken.endpoints.find((x) => key(x) === k);
      const commandes = at('GET /api/commandes');
      if (commandes) commandes.input_query_strings = ['etat', 'client_id', 'limit'];
      const rapport = at('GET /api/ventes/rapport')?.extra_config?.['auth/validator'];
      (rapport as { roles: string[] }).roles = ['client', 'operateur'];
      const produits = at('GET /api/produits');
      if (produits) produits.extra_config = { 'auth/validator': { roles: ['client'] } };
      const annuler = at('POST /api/commande/{id}/annuler');
      if (annuler) annuler.input_headers = ['Authorization', 'X-Request-Id'];
      broken.endpoints.push({
        endpoint: '/api/stock/reserver',
        method: 'POST',
        backend: [{ host: ['http://stock-lb:8003'], url_pattern: '/api/stock/reserver' }],
      });
      expect(openapiProblems(broken, ops)).to.deep.equal([
        'GET /api/produits: documented as public',
        'GET /api/commandes: query strings ["client_id","etat","limit"], documented ["client_id","etat","limit","magasin_id"]',
        'POST /api/commande/{id}/annuler: takes a body, but Content-Type is not passed on (the service answers 415)',
        'GET /api/ventes/rapport: roles ["client","operateur"], documented ["operateur"]',
        'POST /api/stock/reserver: a service-only operation is exposed',
        'POST /api/stock/reserver: takes a body, but Content-Type is not passed on (the service answers 415)',
      ]);
    });

    it('passes statuses and bodies through unchanged (no-op, one backend each)', () => {
      for (const e of cfg.endpoints) {
        expect(e.output_encoding ?? cfg.output_encoding, key(e)).to.equal('no-op');
        expect(e.backend, key(e)).to.have.length(1);
        expect(e.backend[0]?.encoding, key(e)).to.equal('no-op');
        expect(e.backend[0]?.method ?? 'GET', key(e)).to.equal(e.method ?? 'GET');
      }
    });

    it('fills every backend placeholder from the endpoint path', () => {
      for (const e of cfg.endpoints) {
        for (const b of e.backend) {
          expect(placeholders(e.endpoint), key(e)).to.include.members(placeholders(b.url_pattern));
        }
      }
    });

    it('passes Idempotency-Key, Authorization and X-Request-Id to checkout, rate-limited per caller', () => {
      const e = byKey.get('POST /api/commande/checkout');
      expect(lower(e?.input_headers)).to.include.members([
        'idempotency-key',
        'authorization',
        'x-request-id',
        'content-type',
      ]);
      const limit = e?.extra_config?.['qos/ratelimit/router'] as
        | { max_rate?: number; client_max_rate?: number; strategy?: string; key?: string }
        | undefined;
      expect(limit?.max_rate ?? 0).to.be.greaterThan(0);
      expect(limit?.client_max_rate ?? 0).to.be.greaterThan(0);
      // Behind the frontend's nginx every browser has the same address: limit the token.
      expect([limit?.strategy, limit?.key]).to.deep.equal(['header', 'Authorization']);
      // The saga runs synchronously for up to SAGA_BUDGET_MS (10 s by default).
      expect(seconds(e?.timeout ?? cfg.timeout)).to.be.greaterThan(10);
    });

    it('opens sign-up to anyone, limited per client address, with its Idempotency-Key', () => {
      const e = byKey.get('POST /api/inscriptions');
      expect(e?.extra_config?.['auth/validator'], 'no token to check').to.equal(undefined);
      expect(lower(e?.input_headers)).to.include.members([
        'content-type',
        'idempotency-key',
        'x-request-id',
      ]);
      expect(lower(e?.input_headers)).to.not.include('authorization');
      const limit = e?.extra_config?.['qos/ratelimit/router'] as
        { max_rate?: number; client_max_rate?: number; strategy?: string } | undefined;
      expect(limit?.strategy).to.equal('ip');
      expect(limit?.client_max_rate ?? 0).to.be.greaterThan(0);
      expect(limit?.max_rate ?? 0).to.be.greaterThan(limit?.client_max_rate ?? 0);
      // The sign-up saga runs synchronously for up to SAGA_BUDGET_MS (10 s by default).
      expect(seconds(e?.timeout ?? cfg.timeout)).to.be.greaterThan(10);
      expect(byKey.get('GET /api/inscriptions')?.input_query_strings).to.have.members([
        'etat',
        'limit',
      ]);
    });

    it('caps logins overall (the password hash is deliberately slow)', () => {
      const e = byKey.get('POST /api/auth/token');
      const limit = e?.extra_config?.['qos/ratelimit/router'] as { max_rate?: number } | undefined;
      expect(limit?.max_rate ?? 0).to.be.within(1, 100);
      expect(lower(e?.input_headers)).to.include('content-type');
    });

    it("passes the operator's actions their motif (a JSON body) and their token", () => {
      const actions = ['reprendre', 'annuler'].flatMap((a) => [
        `POST /api/commande/{id}/${a}`,
        `POST /api/inscriptions/{id}/${a}`,
      ]);
      for (const action of actions) {
        const e = byKey.get(action);
        expect(lower(e?.input_headers), action)
          .to.include('authorization')
          .and.include('content-type');
        expect(e?.input_query_strings ?? [], action).to.deep.equal([]);
      }
    });

    it('sends each participant its own fault switches, stock to one instance', () => {
      const hosts = Object.fromEntries(
        PANNES.map((p) => [p, byKey.get(`GET /api/pannes/${p}`)?.backend[0]?.host[0]]),
      );
      expect(hosts).to.deep.equal({
        panier: 'http://panier-service:8005',
        // The switches live in each instance's memory: set and read them on the same one.
        stock: 'http://stock-service-1:8003',
        client: 'http://client-service:8004',
        ventes: 'http://ventes-service:8006',
      });
      for (const p of PANNES) {
        for (const m of ['PUT', 'DELETE']) {
          const e = [...byKey.values()].find(
            (x) => x.method === m && x.endpoint.startsWith(`/api/pannes/${p}`),
          );
          expect(e?.backend[0]?.host[0], `${m} ${p}`).to.equal(hosts[p]);
        }
      }
    });

    it('exposes none of the saga participant calls', () => {
      for (const r of backendRoutes(cfg)) {
        for (const re of INTERNAL) expect(r.urlPattern, r.endpoint).to.not.match(re);
      }
      expect(
        backendRoutes(cfg).some((r) => r.method === 'POST' && r.urlPattern === '/api/ventes'),
      ).to.equal(false);
    });
  });

  describe('backend routes against the real Express routers', function () {
    this.timeout(60_000);
    let sys: System;

    before(async () => {
      sys = await startSystem();
    });
    after(async () => {
      await sys?.close();
    });

    it('finds every backend route of the gateway in the service it targets', async () => {
      const routes = backendRoutes(cfg);
      expect(routes.length).to.be.greaterThan(10);
      expect(await missingRoutes(routes, sys.urls)).to.deep.equal([]);
    });

    it('validates what the auth service really issues: ES256, known kid, iss, aud, roles', async () => {
      const auth = sys.urls['auth-service'] ?? '';
      const keys = await fetchKeySet(auth);
      expect(keys).to.not.be.empty;
      for (const k of keys) expect(JSON.stringify(k), 'public keys only').to.not.match(/"d":/);
      const alice = await login(auth, 'alice', 'alice-demo');
      expect(tokenProblems(alice, keys, { roles: ['client'], clientId: 1 })).to.deep.equal([]);
      const operateur = await login(auth, 'operateur', 'operateur-demo');
      expect(tokenProblems(operateur, keys, { roles: ['operateur'] })).to.deep.equal([]);
    });

    it('catches a route the service lacks, a wrong method and an unknown host', async () => {
      const bogus: KrakendConfig = {
        version: 3,
        endpoints: [
          {
            endpoint: '/api/produits/{id}/avis',
            method: 'GET',
            backend: [
              { host: ['http://produits-service:8001'], url_pattern: '/api/produits/{id}/avis' },
            ],
          },
          {
            endpoint: '/api/produits/{id}',
            method: 'DELETE',
            backend: [
              {
                host: ['http://produits-service:8001'],
                url_pattern: '/api/produits/{id}',
                method: 'DELETE',
              },
            ],
          },
          {
            endpoint: '/api/commande/{id}/supprimer',
            method: 'POST',
            backend: [
              {
                host: ['http://orchestrateur-service:8000'],
                url_pattern: '/api/commande/{id}/supprimer',
                method: 'POST',
              },
            ],
          },
          {
            endpoint: '/api/avis',
            method: 'GET',
            backend: [{ host: ['http://avis-service:8009'], url_pattern: '/api/avis' }],
          },
        ],
      };
      const missing = await missingRoutes(backendRoutes(bogus), sys.urls);
      expect(missing).to.have.length(4);
      expect(missing.join('\n'))
        .to.contain('GET /api/produits/{id}/avis')
        .and.contain('DELETE /api/produits/{id}')
        .and.contain('POST /api/commande/{id}/supprimer')
        .and.contain('no service behind host avis-service');
    });
  });
});
