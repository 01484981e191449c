import { readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { startStock } from '../../src/services/stock/app.js';
import { loadStockConfig } from '../../src/services/stock/config.js';
import { call, type HttpAnswer } from '../support/orchestrateur.js';
import { freePort, freshDatabaseUrl } from '../support/postgres.js';
import { requireNginx, rewrite, type RunningNginx, startNginx } from './support/nginx.js';
import { type StandInGateway, startStandInGateway } from './support/stand-in-gateway.js';

const FRONTEND_CONF = readFileSync('deploy/nginx/frontend.conf', 'utf8');
const STOCK_LB_CONF = readFileSync('deploy/nginx/stock-lb.conf', 'utf8');

const INDEX = '<!doctype html><html lang="fr"><title>Saga Retail</title><div id="root"></div>';
const BUNDLE = '/assets/index-C0ffee42.js';
/** Over gzip_min_length, like any real bundle. */
const BUNDLE_TEXT = `export const produits = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => `produit-${i}`))};\n`;

const header = (res: HttpAnswer, name: string): string | undefined => {
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
};

function expectSecurityHeaders(res: HttpAnswer): void {
  const csp = header(res, 'content-security-policy') ?? '';
  expect(csp).to.contain("default-src 'self'");
  expect(csp).to.contain("script-src 'self'");
  expect(csp).to.contain("frame-ancestors 'none'");
  expect(csp).to.contain("object-src 'none'");
  expect(header(res, 'x-content-type-options')).to.equal('nosniff');
  expect(header(res, 'x-frame-options')).to.equal('DENY');
  expect(header(res, 'referrer-policy')).to.equal('no-referrer');
}

describe("deployment: the project's nginx configs on Debian's nginx", function () {
  this.timeout(60_000);

  before(function () {
    requireNginx(this);
  });

  describe('deploy/nginx/frontend.conf (the web front, /api through the gateway)', () => {
    let html: string;
    let gateway: StandInGateway;
    let nginx: RunningNginx;

    before(async () => {
      html = await mkdtemp(path.join(tmpdir(), 'saga-front-'));
      await mkdir(path.join(html, 'assets'));
      await writeFile(path.join(html, 'index.html'), INDEX);
      await writeFile(path.join(html, BUNDLE), BUNDLE_TEXT);
      for (const p of [html, path.join(html, 'assets')]) await chmod(p, 0o755);
      gateway = await startStandInGateway();
      const port = await freePort();
      const conf = rewrite(FRONTEND_CONF, [
        ['listen 8080;', `listen 127.0.0.1:${port};`],
        ['root /usr/share/nginx/html;', `root ${html};`],
        ['set $gateway krakend:8080;', `set $gateway 127.0.0.1:${gateway.port};`],
      ]);
      nginx = await startNginx(conf, port);
    });

    after(async () => {
      await nginx?.stop();
      await gateway?.close();
      if (html) await rm(html, { recursive: true, force: true });
    });

    const get = (p: string, headers: Record<string, string> = {}): Promise<HttpAnswer> =>
      call(nginx.url, 'GET', p, { headers });

    it('answers its own liveness for the compose healthcheck', async () => {
      expect((await get('/healthz')).status).to.equal(200);
    });

    it('serves the built index.html, revalidated on every load, with the security headers', async () => {
      const res = await get('/');
      expect(res.status).to.equal(200);
      expect(res.text).to.equal(INDEX);
      expect(header(res, 'content-type')).to.match(/^text\/html/);
      expect(header(res, 'cache-control')).to.equal('no-cache');
      expectSecurityHeaders(res);
      expect(header(res, 'server')).to.equal('nginx');
    });

    it("answers the front's own routes with the single page (SPA fallback)", async () => {
      for (const route of ['/commande/6f0c1d2e', '/console?etat=ANNULEE', '/tableau-de-bord']) {
        const res = await get(route);
        expect(res.status, route).to.equal(200);
        expect(res.text, route).to.equal(INDEX);
        expect(header(res, 'cache-control'), route).to.equal('no-cache');
      }
    });

    it('serves hashed bundles for a year, immutable, compressed, with the same headers', async () => {
      const res = await get(BUNDLE, { 'accept-encoding': 'gzip' });
      expect(res.status).to.equal(200);
      expect(header(res, 'content-type')).to.match(/^application\/javascript/);
      expect(header(res, 'cache-control')).to.equal('public, max-age=31536000, immutable');
      expect(header(res, 'content-encoding')).to.equal('gzip');
      expectSecurityHeaders(res);
      expect((await get(BUNDLE)).text).to.equal(BUNDLE_TEXT);
    });

    it("answers 404 in the API error format for the services' own paths and missing files", async () => {
      for (const route of ['/health', '/ready', '/metrics', '/favicon.ico', '/robots.txt']) {
        const res = await get(route);
        expect(res.status, route).to.equal(404);
        expect(res.text, route).to.not.contain('Saga Retail');
        expect(JSON.parse(res.text), route).to.deep.include({
          error: { code: 'NOT_FOUND', message: 'Nothing at this address' },
        });
      }
    });

    it('answers 404 for a bundle that is not there, never the page', async () => {
      const res = await get('/assets/index-0ld0ld.js');
      expect(res.status).to.equal(404);
      expect(res.text).to.not.contain('Saga Retail');
      expect(header(res, 'cache-control')).to.equal(undefined);
    });

    it('sends /api to the gateway unchanged: method, path, query, body and headers', async () => {
      gateway.received.length = 0;
      const body = { client_id: 1, magasin_id: 2 };
      const res = await call(nginx.url, 'POST', '/api/commande/checkout?trace=1', {
        json: body,
        headers: {
          authorization: 'Bearer eyJ.test.token',
          'idempotency-key': 'k-123',
          'x-request-id': 'req-42',
        },
      });
      expect(res.status).to.equal(201);
      expect(header(res, 'location')).to.equal('/api/commande/6f0c');
      expect(header(res, 'x-request-id')).to.equal('from-gateway');
      // The API's caching is the gateway's business: nginx adds none.
      expect(header(res, 'cache-control')).to.equal(undefined);
      expect(res.body).to.deep.equal({ id: '6f0c', etat: 'CONFIRMEE' });
      const [seen] = gateway.received;
      expect(seen?.method).to.equal('POST');
      expect(seen?.url).to.equal('/api/commande/checkout?trace=1');
      expect(JSON.parse(seen?.body ?? '{}')).to.deep.equal(body);
      expect(seen?.headers.authorization).to.equal('Bearer eyJ.test.token');
      expect(seen?.headers['idempotency-key']).to.equal('k-123');
      expect(seen?.headers['x-request-id']).to.equal('req-42');
      expect(seen?.headers['content-type']).to.equal('application/json');
      expect(seen?.headers['x-forwarded-for']).to.equal('127.0.0.1');
    });

    it('sends the key set (/.well-known) to the gateway too', async () => {
      gateway.received.length = 0;
      const res = await get('/.well-known/jwks.json');
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ keys: [] });
      expect(gateway.received.map((r) => r.url)).to.deep.equal(['/.well-known/jwks.json']);
    });

    it('limits logins per address, answering in the API error format', async () => {
      gateway.received.length = 0;
      const tries = await Promise.all(
        Array.from({ length: 25 }, () =>
          call(nginx.url, 'POST', '/api/auth/token', { json: { username: 'a', password: 'b' } }),
        ),
      );
      const refused = tries.filter((r) => r.status === 429);
      expect(refused.length, 'refused').to.be.greaterThan(0);
      expect(tries.length - refused.length, 'let through').to.be.greaterThan(0);
      expect(gateway.received).to.have.length(tries.length - refused.length);
      expect(refused[0]?.body).to.deep.include({
        error: {
          code: 'TROP_DE_DEMANDES',
          message: 'Too many requests from this address, retry shortly',
        },
      });
      expect(header(refused[0] as HttpAnswer, 'content-type')).to.equal('application/json');
    });

    it('limits sign-ups per address (POST only: the operators’ list is not limited)', async () => {
      gateway.received.length = 0;
      const body = { nom: 'N', email: 'n@example.org', username: 'nnn', password: 'x' };
      const tries = await Promise.all(
        Array.from({ length: 15 }, () =>
          call(nginx.url, 'POST', '/api/inscriptions', { json: body }),
        ),
      );
      const refused = tries.filter((r) => r.status === 429);
      expect(refused.length, 'refused').to.be.greaterThan(0);
      expect(tries.length - refused.length, 'let through').to.be.greaterThan(0);
      expect((refused[0]?.body as { error?: { code?: string } }).error?.code).to.equal(
        'TROP_DE_DEMANDES',
      );
      const lists = await Promise.all(Array.from({ length: 15 }, () => get('/api/inscriptions')));
      expect(lists.filter((r) => r.status === 429)).to.have.length(0);
    });

    it('answers in the API error format when the gateway does not answer', async () => {
      await gateway.close();
      const res = await get('/api/produits');
      expect(res.status).to.equal(502);
      expect((res.body as { error?: { code?: string } }).error?.code).to.equal(
        'PASSERELLE_INDISPONIBLE',
      );
      // The front itself is still served.
      expect((await get('/')).status).to.equal(200);
    });
  });

  describe('deploy/nginx/stock-lb.conf (in front of two stock instances)', () => {
    type Stock = Awaited<ReturnType<typeof startStock>>;
    let stocks: Stock[] = [];
    let nginx: RunningNginx;

    before(async () => {
      const env = {
        HOST: '127.0.0.1',
        PORT: '0',
        DATABASE_URL: await freshDatabaseUrl('deploy_lb_stock'),
        DB_POOL_MAX: '3',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
        AUTH_REQUIRED: 'false',
      };
      // One after the other: the first migrates the shared database.
      stocks = [await startStock(loadStockConfig(env))];
      stocks.push(await startStock(loadStockConfig(env)));
      const port = await freePort();
      const conf = rewrite(STOCK_LB_CONF, [
        ['server stock-service-1:8003', `server 127.0.0.1:${stocks[0]?.port}`],
        ['server stock-service-2:8003', `server 127.0.0.1:${stocks[1]?.port}`],
        ['listen 8003;', `listen 127.0.0.1:${port};`],
      ]);
      nginx = await startNginx(conf, port);
    });

    after(async () => {
      await nginx?.stop();
      await Promise.allSettled(stocks.map((s) => s.close()));
    });

    /** Stock list requests an instance answered, from its own /metrics. */
    async function served(s: Stock): Promise<number> {
      const res = await call(s.url, 'GET', '/metrics');
      return res.text
        .split('\n')
        .filter((l) => l.startsWith('http_request_duration_seconds_count{'))
        .filter((l) => l.includes('/api/stock/magasins'))
        .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
    }

    it('answers its own liveness for the compose healthcheck', async () => {
      const res = await call(nginx.url, 'GET', '/nginx-health');
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ status: 'ok', service: 'stock-lb' });
    });

    it('spreads calls over both instances, passing X-Request-Id through', async () => {
      for (let i = 0; i < 20; i += 1) {
        const res = await call(nginx.url, 'GET', '/api/stock/magasins/1?limit=5', {
          headers: { 'x-request-id': `lb-${i}` },
        });
        expect(res.status, res.text).to.equal(200);
        expect(header(res, 'x-request-id')).to.equal(`lb-${i}`);
      }
      const counts = await Promise.all(stocks.map(served));
      expect(counts[0], 'instance 1').to.be.greaterThan(0);
      expect(counts[1], 'instance 2').to.be.greaterThan(0);
      expect((counts[0] ?? 0) + (counts[1] ?? 0)).to.equal(20);
    });

    it('keeps answering through the other instance when one is down', async () => {
      await stocks[0]?.close();
      for (let i = 0; i < 10; i += 1) {
        const res = await call(nginx.url, 'GET', '/api/stock/magasins/1');
        expect(res.status, `call ${i}: ${res.text}`).to.equal(200);
      }
    });
  });
});
