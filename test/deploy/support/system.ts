import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Orchestrateur } from '../../../src/orchestrateur/app.js';
import { seedAccounts } from '../../../seeds/demo-seed.js';
import { createDb } from '../../../src/lib/db.js';
import { startAuth } from '../../../src/services/auth/app.js';
import { loadAuthConfig } from '../../../src/services/auth/config.js';
import { hashPassword } from '../../../src/services/auth/passwords.js';
import { startClient } from '../../../src/services/client/app.js';
import { loadClientConfig } from '../../../src/services/client/config.js';
import { startMagasin } from '../../../src/services/magasin/app.js';
import { loadMagasinConfig } from '../../../src/services/magasin/config.js';
import { startPanier } from '../../../src/services/panier/app.js';
import { loadPanierConfig } from '../../../src/services/panier/config.js';
import { startProduits } from '../../../src/services/produits/app.js';
import { loadProduitsConfig } from '../../../src/services/produits/config.js';
import { startStock } from '../../../src/services/stock/app.js';
import { loadStockConfig } from '../../../src/services/stock/config.js';
import { startVentes } from '../../../src/services/ventes/app.js';
import { loadVentesConfig } from '../../../src/services/ventes/config.js';
import { call, type HttpAnswer, startTestOrchestrateur } from '../../support/orchestrateur.js';
import { freshDatabaseUrl } from '../../support/postgres.js';
import { participantsEnv } from '../../../src/lib/participant-calls.js';

/** One process of the system as Prometheus sees it: a job name and where it listens. */
export interface Instance {
  job: string;
  url: string;
  port: number;
}

export interface System {
  /** Base URL per docker-compose service name (stock-lb: the first stock instance). */
  urls: Record<string, string>;
  /** Every process to scrape, both stock instances included. */
  instances: Instance[];
  orchestrateur: Orchestrateur;
  /** Client ids whose payment the fault proxy answers with 503 (a failing client service). */
  failingPayments: Set<number>;
  close(): Promise<void>;
}

interface Closable {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The cheapest argon2id cost the auth service accepts: no login is timed here. */
const CHEAP_HASH = { memoryKib: 8, timeCost: 1 };

/** The demo accounts (alice…, operateur), for calls that need a real token. */
async function seedDemoAccounts(databaseUrl: string): Promise<void> {
  const db = createDb({ url: databaseUrl, poolMax: 1, applicationName: 'deploy-test-seed' });
  try {
    await seedAccounts(db, (pw) => hashPassword(pw, CHEAP_HASH));
  } finally {
    await db.destroy();
  }
}

/**
 * A service's environment here: no identity checks (the checkouts below call without tokens,
 * and the route check must see the router's own "No route" answer, not a 401 in front of it)
 * and the demo fault switches mounted, so that the gateway's /api/pannes routes exist.
 */
const env = async (db: string, extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> => ({
  HOST: '127.0.0.1',
  PORT: '0',
  DATABASE_URL: await freshDatabaseUrl(db),
  DB_POOL_MAX: '5',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  AUTH_REQUIRED: 'false',
  DEMO_FAULTS: 'true',
  AUTH_ARGON2_MEMORY_KIB: String(CHEAP_HASH.memoryKib),
  AUTH_ARGON2_TIME_COST: String(CHEAP_HASH.timeCost),
  ...extra,
});

/**
 * A pass-through HTTP proxy that answers 503 to `POST /api/clients/{id}/payer` for the
 * client ids in `failing`: the orchestrator sees a client service that keeps failing.
 */
async function startFaultProxy(target: string, failing: Set<number>): Promise<Closable> {
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const payer = /^\/api\/clients\/(\d+)\/payer$/.exec(req.url ?? '');
    if (req.method === 'POST' && payer && failing.has(Number(payer[1]))) {
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'INDISPONIBLE', message: 'injected failure' } }));
      return;
    }
    const out = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => {
      res.writeHead(502).end();
    });
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The whole system in this process, on 127.0.0.1 and free ports, each service on its own
 * fresh database, two stock instances on one stock database, as docker-compose.yml wires it.
 */
export async function startSystem(): Promise<System> {
  const started: Closable[] = [];
  const failingPayments = new Set<number>();
  try {
    const stockEnv = await env('deploy_stock');
    const [auth, produits, magasin, stock1, client, ventes] = await Promise.all([
      env('deploy_auth').then(async (e) => {
        const auth = await startAuth(loadAuthConfig(e));
        await seedDemoAccounts(e.DATABASE_URL ?? '').catch(async (err: unknown) => {
          await auth.close();
          throw err;
        });
        return auth;
      }),
      env('deploy_produits').then((e) => startProduits(loadProduitsConfig(e))),
      env('deploy_magasin').then((e) => startMagasin(loadMagasinConfig(e))),
      startStock(loadStockConfig(stockEnv)),
      env('deploy_client').then((e) => startClient(loadClientConfig(e))),
      env('deploy_ventes').then((e) => startVentes(loadVentesConfig(e))),
    ]);
    started.push(auth, produits, magasin, stock1, client, ventes);
    const stock2 = await startStock(loadStockConfig(stockEnv));
    started.push(stock2);
    const panier = await startPanier(
      loadPanierConfig(
        await env('deploy_panier', { PRODUITS_URL: produits.url, CLIENT_URL: client.url }),
      ),
    );
    started.push(panier);
    const proxy = await startFaultProxy(client.url, failingPayments);
    started.push(proxy);
    const orchestrateur = await startTestOrchestrateur({
      // Stock behind its load balancer's first instance, client behind the failing proxy.
      ...participantsEnv((s) => ({ panier, stock: stock1, client: proxy, ventes })[s].url),
      SAGA_STEP_RETRIES: '2',
    });
    const urls: Record<string, string> = {
      'orchestrateur-service': orchestrateur.url,
      'auth-service': auth.url,
      'produits-service': produits.url,
      'magasin-service': magasin.url,
      'stock-lb': stock1.url,
      'stock-service-1': stock1.url,
      'stock-service-2': stock2.url,
      'client-service': client.url,
      'panier-service': panier.url,
      'ventes-service': ventes.url,
    };
    const instances: Instance[] = [
      { job: 'orchestrateur', url: orchestrateur.url, port: orchestrateur.port },
      { job: 'produits', url: produits.url, port: produits.port },
      { job: 'magasin', url: magasin.url, port: magasin.port },
      { job: 'stock', url: stock1.url, port: stock1.port },
      { job: 'stock', url: stock2.url, port: stock2.port },
      { job: 'client', url: client.url, port: client.port },
      { job: 'panier', url: panier.url, port: panier.port },
      { job: 'ventes', url: ventes.url, port: ventes.port },
      { job: 'auth', url: auth.url, port: auth.port },
    ];
    return {
      urls,
      instances,
      orchestrateur,
      failingPayments,
      close: async () => {
        await orchestrateur.stop();
        await Promise.all(started.map((s) => s.close()));
      },
    };
  } catch (err) {
    await Promise.allSettled(started.map((s) => s.close()));
    throw err;
  }
}

async function ok(res: Promise<HttpAnswer>, what: string): Promise<Record<string, unknown>> {
  const a = await res;
  if (a.status >= 300) throw new Error(`${what}: ${a.status} ${a.text}`);
  return a.body as Record<string, unknown>;
}

/** The checkout outcomes the dashboard and alerts are about, one commande each. */
export interface CheckoutRun {
  statuses: Record<string, number>;
}

/**
 * Seeds a catalogue, a magasin, stock, clients and carts through the services' own APIs,
 * then checks out once per outcome: confirmed, empty cart, unknown client, stock
 * insufficient, payment refused, and a client service that keeps failing (502).
 */
export async function driveCheckouts(sys: System): Promise<CheckoutRun> {
  const u = sys.urls;
  const post = (base: string | undefined, path: string, json: unknown): Promise<HttpAnswer> =>
    call(base ?? '', 'POST', path, { json });
  const produit = await ok(
    post(u['produits-service'], '/api/produits', {
      nom: 'Lampe',
      categorie: 'maison',
      prix_cents: 1250,
    }),
    'create produit',
  );
  const produitId = Number(produit.id);
  const magasin = await ok(
    post(u['magasin-service'], '/api/magasins', {
      nom: 'Centre',
      ville: 'Lyon',
      adresse: '1 place Bellecour',
    }),
    'create magasin',
  );
  const magasinId = Number(magasin.id);
  await ok(
    call(u['stock-lb'] ?? '', 'PUT', `/api/stock/magasins/${magasinId}/produits/${produitId}`, {
      json: { quantite: 100 },
    }),
    'set stock',
  );
  const newClient = async (solde: number, quantite: number): Promise<number> => {
    const c = await ok(
      post(u['client-service'], '/api/clients', {
        nom: `Client ${solde}-${quantite}`,
        email: `c${Date.now()}${Math.random().toString(16).slice(2)}@example.test`,
        solde_cents: solde,
      }),
      'create client',
    );
    const id = Number(c.id);
    if (quantite > 0) {
      await ok(
        post(u['panier-service'], `/api/panier/${id}/lignes`, { produit_id: produitId, quantite }),
        'add to panier',
      );
    }
    return id;
  };
  const cases: [string, number][] = [
    ['confirmee', await newClient(1_000_000, 2)],
    ['panier_vide', await newClient(1_000_000, 0)],
    ['client_inconnu', 999_999],
    ['stock_insuffisant', await newClient(1_000_000, 500)],
    ['solde_insuffisant', await newClient(0, 1)],
    ['paiement_en_panne', await newClient(1_000_000, 1)],
  ];
  const failing = cases.find(([name]) => name === 'paiement_en_panne')?.[1];
  if (failing !== undefined) sys.failingPayments.add(failing);
  const statuses: Record<string, number> = {};
  for (const [name, clientId] of cases) {
    const res = await post(u['orchestrateur-service'], '/api/commande/checkout', {
      client_id: clientId,
      magasin_id: magasinId,
    });
    statuses[name] = res.status;
  }
  return { statuses };
}
