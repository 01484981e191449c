import { expect } from 'chai';
import {
  backendRoutes,
  type KrakendConfig,
  type KrakendEndpoint,
  loadKrakend,
  missingRoutes,
  placeholders,
} from './support/krakend.js';
import { startSystem, type System } from './support/system.js';

const lower = (xs: readonly string[] | undefined): string[] =>
  (xs ?? []).map((x) => x.toLowerCase());
const key = (e: KrakendEndpoint): string => `${e.method ?? 'GET'} ${e.endpoint}`;
const seconds = (d: string | undefined): number => {
  const m = /^(\d+)(ms|s|m)$/.exec(d ?? '');
  if (!m) return 0;
  const n = Number(m[1]);
  return m[2] === 'ms' ? n / 1000 : m[2] === 'm' ? n * 60 : n;
};

/** What the gateway must offer clients (and the operator's resume route). */
const EXPECTED = [
  'POST /api/commande/checkout',
  'GET /api/commande/{id}',
  'GET /api/commande/{id}/historique',
  'GET /api/commandes',
  'POST /api/commande/{id}/reprendre',
  'GET /api/produits',
  'GET /api/produits/{id}',
  'GET /api/panier/{client_id}',
  'POST /api/panier/{client_id}/lignes',
  'PUT /api/panier/{client_id}/lignes/{produit_id}',
  'DELETE /api/panier/{client_id}/lignes/{produit_id}',
  'POST /api/clients',
  'GET /api/clients/{id}',
];

/** Saga participant calls: only the orchestrator may make them, never a client. */
const INTERNAL = [
  /^\/api\/stock\/(reserver|liberer)$/,
  /\/payer$/,
  /\/rembourser$/,
  /\/crediter$/,
  /\/vider$/,
];

describe('deployment: KrakenD gateway (deploy/krakend/krakend.json)', () => {
  const cfg: KrakendConfig = loadKrakend();
  const byKey = new Map(cfg.endpoints.map((e) => [key(e), e]));

  describe('configuration', () => {
    it('is KrakenD v3 format with CORS for browsers', () => {
      expect(cfg.version).to.equal(3);
      const cors = cfg.extra_config?.['security/cors'] as
        | { allow_origins?: string[]; allow_headers?: string[]; expose_headers?: string[] }
        | undefined;
      expect(cors?.allow_origins).to.be.an('array').that.is.not.empty;
      expect(lower(cors?.allow_headers)).to.include.members([
        'content-type',
        'authorization',
        'idempotency-key',
        'x-request-id',
      ]);
      expect(lower(cors?.expose_headers)).to.include.members(['location', 'x-request-id']);
    });

    it('declares each client-facing route once', () => {
      expect([...byKey.keys()]).to.include.members(EXPECTED);
      expect(byKey.size, 'duplicate method + path').to.equal(cfg.endpoints.length);
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

    it('passes Idempotency-Key, Authorization and X-Request-Id to checkout, rate-limited', () => {
      const e = byKey.get('POST /api/commande/checkout');
      expect(lower(e?.input_headers)).to.include.members([
        'idempotency-key',
        'authorization',
        'x-request-id',
        'content-type',
      ]);
      const limit = e?.extra_config?.['qos/ratelimit/router'] as
        { max_rate?: number; client_max_rate?: number } | undefined;
      expect((limit?.max_rate ?? 0) + (limit?.client_max_rate ?? 0)).to.be.greaterThan(0);
      // The saga runs synchronously for up to SAGA_BUDGET_MS (10 s by default).
      expect(seconds(e?.timeout ?? cfg.timeout)).to.be.greaterThan(10);
    });

    it('passes only the Authorization header to the admin resume route', () => {
      const e = byKey.get('POST /api/commande/{id}/reprendre');
      expect(e?.input_headers).to.deep.equal(['Authorization']);
      expect(e?.input_query_strings ?? []).to.deep.equal([]);
    });

    it('passes the list filters as query strings', () => {
      expect(byKey.get('GET /api/commandes')?.input_query_strings).to.include.members([
        'etat',
        'client_id',
        'limit',
      ]);
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
            endpoint: '/api/commande/{id}/annuler',
            method: 'POST',
            backend: [
              {
                host: ['http://orchestrateur-service:8000'],
                url_pattern: '/api/commande/{id}/annuler',
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
        .and.contain('POST /api/commande/{id}/annuler')
        .and.contain('no service behind host avis-service');
    });
  });
});
