import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { createLogger } from '../../src/lib/logger.js';
import { banner } from '../../src/system/banner.js';
import { loadSystemConfig, SYSTEM_SERVICES, type SystemService } from '../../src/system/config.js';
import {
  isPageAddress,
  type RunningFront,
  SECURITY_HEADERS,
  startFrontServer,
} from '../../src/system/front-server.js';
import { KRAKEND_FILE, loadGatewayRoutes } from '../../src/system/gateway-routes.js';
import { npmStartEnv } from '../../src/system/start-all.js';
import { ensureWebBuild, WEB_DIST, WEB_INPUTS } from '../../src/system/web-build.js';
import { paths } from '../../web/src/lib/paths.js';
import { freePort } from '../support/postgres.js';

interface Echo {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One stand-in for every service: answers what it received, 201 with a Location. */
async function echoServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      res.writeHead(201, { 'Content-Type': 'application/json', Location: '/api/commande/x' });
      res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const targetsAll = (url: string): Record<SystemService, string> =>
  Object.fromEntries(SYSTEM_SERVICES.map((s) => [s, url])) as Record<SystemService, string>;

describe('npm start serves the front and the gateway routes on one port (front-server)', () => {
  const logger = createLogger('front', 'silent', 'json');
  let webDir: string;
  let echo: Awaited<ReturnType<typeof echoServer>>;
  let front: RunningFront;
  let down: RunningFront;

  before(async () => {
    webDir = await mkdtemp(path.join(tmpdir(), 'front-'));
    await mkdir(path.join(webDir, 'assets'));
    await writeFile(path.join(webDir, 'index.html'), '<!doctype html><title>app</title>');
    await writeFile(path.join(webDir, 'assets', 'app-1234.js'), 'console.log(1)');
    echo = await echoServer();
    const routes = loadGatewayRoutes();
    front = await startFrontServer(
      { webDir, routes, targets: targetsAll(echo.url), logger },
      '127.0.0.1',
      0,
    );
    const nobody = `http://127.0.0.1:${await freePort()}`;
    down = await startFrontServer(
      { webDir, routes, targets: targetsAll(nobody), logger },
      '127.0.0.1',
      0,
    );
  });

  after(async () => {
    await front?.stop();
    await down?.stop();
    await echo?.close();
    await rm(webDir, { recursive: true, force: true });
  });

  it('takes every route from deploy/krakend/krakend.json, each to the service its backend names', () => {
    const routes = loadGatewayRoutes();
    const endpoints = (JSON.parse(readFileSync(KRAKEND_FILE, 'utf8')) as { endpoints: unknown[] })
      .endpoints;
    expect(routes).to.have.length(endpoints.length);
    const serviceOf = (method: string, endpoint: string) =>
      routes.find((r) => r.method === method && r.endpoint === endpoint)?.service;
    expect(serviceOf('POST', '/api/commande/checkout')).to.equal('orchestrateur');
    expect(serviceOf('GET', '/api/stock/magasins/{magasin_id}')).to.equal('stock'); // stock-lb
    expect(serviceOf('PUT', '/api/pannes/stock/{operation}')).to.equal('stock'); // stock-service-1
    expect(serviceOf('GET', '/.well-known/jwks.json')).to.equal('auth');
  });

  it('passes on only the query strings and headers the gateway declares, never X-Auth-*', async () => {
    const res = await fetch(`${front.url}/api/panier/1?limit=5&evil=1`, {
      headers: {
        Authorization: 'Bearer t',
        'X-Auth-Client-Id': '2',
        Cookie: 'c=1',
        'X-Request-Id': 'r-1',
      },
    });
    const seen = (await res.json()) as Echo;
    expect(seen.url).to.equal('/api/panier/1'); // GET /api/panier/{id} declares no query string
    expect(seen.headers).to.include({ authorization: 'Bearer t', 'x-request-id': 'r-1' });
    expect(seen.headers).to.not.have.any.keys('x-auth-client-id', 'cookie');
    const listed = (await (
      await fetch(`${front.url}/api/produits?limit=2&offset=1&evil=1`)
    ).json()) as Echo;
    expect(listed.url).to.equal('/api/produits?limit=2&offset=1');
  });

  it('sends bodies through and answers with the service status and headers', async () => {
    const res = await fetch(`${front.url}/api/commande/checkout`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k-1' },
      body: JSON.stringify({ magasin_id: 1 }),
    });
    expect(res.status).to.equal(201);
    expect(res.headers.get('location')).to.equal('/api/commande/x');
    const seen = (await res.json()) as Echo;
    expect(seen).to.include({
      method: 'POST',
      url: '/api/commande/checkout',
      body: '{"magasin_id":1}',
    });
    expect(seen.headers).to.include({
      'idempotency-key': 'k-1',
      'content-type': 'application/json',
    });
  });

  it('sends a sign-up, with no token, to the orchestrator with its Idempotency-Key', async () => {
    const res = await fetch(`${front.url}/api/inscriptions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k-2' },
      body: JSON.stringify({ username: 'jeanne' }),
    });
    const seen = (await res.json()) as Echo;
    expect(seen).to.include({ method: 'POST', url: '/api/inscriptions' });
    expect(seen.headers).to.include({
      'idempotency-key': 'k-2',
      'content-type': 'application/json',
    });
    expect(seen.headers).to.not.have.any.keys('authorization');
    const routes = loadGatewayRoutes();
    const service = (m: string, e: string) =>
      routes.find((r) => r.method === m && r.endpoint === e)?.service;
    expect(service('POST', '/api/inscriptions')).to.equal('orchestrateur');
    expect(service('GET', '/api/inscriptions/{id}')).to.equal('orchestrateur');
    expect(service('POST', '/api/clients/{id}/crediter')).to.equal('client');
  });

  it('answers 404 for what the gateway does not route, 502 when the service is down', async () => {
    for (const [method, p] of [
      ['GET', '/api/nope'],
      ['DELETE', '/api/produits'],
      ['GET', '/api/clients/1/paiements'],
    ] as const) {
      const res = await fetch(`${front.url}${p}`, { method });
      expect(res.status, `${method} ${p}`).to.equal(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).to.equal('NOT_FOUND');
    }
    const res = await fetch(`${down.url}/api/produits`);
    expect(res.status).to.equal(502);
    expect(((await res.json()) as { error: { code: string } }).error.code).to.equal(
      'SERVICE_INDISPONIBLE',
    );
  });

  it('serves the single page at a client route, bundles for good, a missing bundle as 404', async () => {
    const page = await fetch(`${front.url}/commandes/abc`);
    expect(page.status).to.equal(200);
    expect(page.headers.get('cache-control')).to.equal('no-cache');
    expect(await page.text()).to.include('<title>app</title>');
    const bundle = await fetch(`${front.url}/assets/app-1234.js`);
    expect(bundle.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
    expect((await fetch(`${front.url}/assets/gone-0000.js`)).status).to.equal(404);
  });

  it('answers 404, never the page, for paths nothing routes: health, readiness, metrics, API-ish, files', async () => {
    for (const p of [
      '/health',
      '/health/',
      '/ready',
      '/metrics',
      '/api',
      '/api/',
      '/.well-known/nope',
      '/favicon.ico',
      '/robots.txt',
    ]) {
      for (const method of ['GET', 'HEAD']) {
        const res = await fetch(`${front.url}${p}`, { method });
        expect(res.status, `${method} ${p}`).to.equal(404);
        expect(res.headers.get('content-type'), `${method} ${p}`).to.match(/^application\/json/);
      }
      const body = (await (await fetch(`${front.url}${p}`)).json()) as { error: { code: string } };
      expect(body.error.code, p).to.equal('NOT_FOUND');
    }
    const posted = await fetch(`${front.url}/console`, { method: 'POST' });
    expect(posted.status).to.equal(404);
  });

  it('serves the page at every address of the front (web/src/lib/paths.ts)', async () => {
    const addresses = [
      '/',
      paths.connexion,
      paths.boutique,
      paths.mesCommandes,
      paths.commande('6f0c2a4e-0b1d-4c8e-9a3f-2d5b7e8c1a90'),
      paths.tableauDeBord,
      paths.console,
      paths.pannes,
      '/console/',
      '/healthy', // only the exact service paths are kept from the page
    ];
    for (const p of addresses) {
      expect(isPageAddress(p), p).to.equal(true);
      const res = await fetch(`${front.url}${p}`);
      expect(res.status, p).to.equal(200);
      expect(await res.text(), p).to.include('<title>app</title>');
    }
  });

  it('adds the security headers of deploy/nginx/frontend.conf to every answer', async () => {
    const conf = readFileSync('deploy/nginx/frontend.conf', 'utf8');
    const nginx = Object.fromEntries(
      [...conf.matchAll(/add_header (\S+) (?:"([^"]*)"|'([^']*)') always;/g)].map((m) => [
        m[1],
        m[2] ?? m[3],
      ]),
    );
    expect(SECURITY_HEADERS).to.deep.equal(nginx);
    for (const p of ['/', '/api/produits', '/api/nope']) {
      const res = await fetch(`${front.url}${p}`);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        expect(res.headers.get(name), `${p} ${name}`).to.equal(value);
      }
    }
  });

  it('is on under npm start (WEB_PORT = BASE_PORT + 9), off unless asked, and in the banner', () => {
    expect(loadSystemConfig({}).webPort).to.equal(null);
    expect(loadSystemConfig(npmStartEnv({ BASE_PORT: '9000' })).webPort).to.equal(9009);
    expect(loadSystemConfig(npmStartEnv({ WEB_PORT: '9100' })).webPort).to.equal(9100);
    expect(loadSystemConfig(npmStartEnv({ WEB: 'false' })).webPort).to.equal(null);
    const config = loadSystemConfig(npmStartEnv({}));
    const text = banner(config, { urls: {}, frontUrl: 'http://127.0.0.1:8009' });
    expect(text).to.include('The web front: http://localhost:8009');
  });

  it('rebuilds the front when a server module it bundles changes: each one is an input', () => {
    const bundled = new Set<string>();
    const visit = (file: string): void => {
      const text = readFileSync(file, 'utf8');
      // Runtime imports only: `import type` is erased and bundles nothing.
      for (const m of text.matchAll(/^import (?!type )[^;]*? from '([^']+)';/gms)) {
        const spec = m[1] ?? '';
        if (!spec.startsWith('.')) continue;
        const target = path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts');
        const rel = path.relative(process.cwd(), target);
        if (!rel.startsWith('src/') || bundled.has(rel)) continue;
        bundled.add(rel);
        visit(target);
      }
    };
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? e.name === 'generated'
            ? []
            : sources(path.join(dir, e.name))
          : /\.tsx?$/.test(e.name)
            ? [path.join(dir, e.name)]
            : [],
      );
    for (const file of sources('web/src')) visit(file);
    expect([...bundled].sort()).to.include.members(['src/orchestrateur/checkout/transitions.ts']);
    expect(WEB_INPUTS).to.include.members([...bundled]);
  });

  it('builds the front when its sources changed, otherwise only hashes them', async function () {
    this.timeout(60_000);
    await ensureWebBuild(logger);
    const built = statSync(path.join(WEB_DIST, 'index.html')).mtimeMs;
    const started = Date.now();
    expect(await ensureWebBuild(logger)).to.equal(WEB_DIST);
    expect(Date.now() - started).to.be.below(2_000);
    expect(statSync(path.join(WEB_DIST, 'index.html')).mtimeMs).to.equal(built);
  });
});
