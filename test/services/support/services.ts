import { participantsEnv } from '../../../src/lib/participant-calls.js';
import type { Orchestrateur } from '../../../src/orchestrateur/app.js';
import type { RunningService } from '../../../src/lib/service.js';
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
import { startTestOrchestrateur } from '../../support/orchestrateur.js';
import { freshDatabaseUrl } from '../../support/postgres.js';

/**
 * Env of a service under test: its own fresh database, 127.0.0.1, port 0, no logs, and no
 * identity checks (test/auth tests identity; `extra` may turn it back on).
 */
export async function testEnv(
  prefix: string,
  extra: Record<string, string> = {},
): Promise<NodeJS.ProcessEnv> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: await freshDatabaseUrl(prefix),
    DB_POOL_MAX: '10',
    LOG_LEVEL: 'silent',
    AUTH_REQUIRED: 'false',
    ...extra,
  };
}

export const startTestProduits = async (): Promise<RunningService> =>
  startProduits(loadProduitsConfig(await testEnv('produits')));

export const startTestMagasin = async (): Promise<RunningService> =>
  startMagasin(loadMagasinConfig(await testEnv('magasin')));

export const startTestStock = async (extra: Record<string, string> = {}): Promise<RunningService> =>
  startStock(loadStockConfig(await testEnv('stock', extra)));

export const startTestClient = async (): Promise<RunningService> =>
  startClient(loadClientConfig(await testEnv('client')));

export const startTestVentes = async (): Promise<RunningService> =>
  startVentes(loadVentesConfig(await testEnv('ventes')));

export const startTestPanier = async (urls: {
  produitsUrl: string;
  clientUrl: string;
  timeoutMs?: number;
}): Promise<RunningService> =>
  startPanier(
    loadPanierConfig(
      await testEnv('panier', {
        PRODUITS_URL: urls.produitsUrl,
        CLIENT_URL: urls.clientUrl,
        HTTP_TIMEOUT_MS: String(urls.timeoutMs ?? 2000),
      }),
    ),
  );

export interface TestServices {
  produits: RunningService;
  magasin: RunningService;
  stock: RunningService;
  client: RunningService;
  panier: RunningService;
  ventes: RunningService;
  close(): Promise<void>;
}

/** The six services in this process, each with its own database, as the saga sees them. */
export async function startTestServices(): Promise<TestServices> {
  const [produits, magasin, stock, client, ventes] = await Promise.all([
    startTestProduits(),
    startTestMagasin(),
    startTestStock(),
    startTestClient(),
    startTestVentes(),
  ]);
  const panier = await startTestPanier({ produitsUrl: produits.url, clientUrl: client.url });
  const all = [produits, magasin, stock, client, panier, ventes];
  return {
    produits,
    magasin,
    stock,
    client,
    panier,
    ventes,
    close: async () => {
      await Promise.all(all.map((s) => s.close()));
    },
  };
}

/** Starts a service before the suite's tests and stops it after them; `svc()` inside a test. */
export function serviceForSuite<S extends { close(): Promise<void> }>(
  start: () => Promise<S>,
): () => S {
  let started: S | undefined;
  before(async () => {
    started = await start();
  });
  after(async () => {
    await started?.close();
  });
  return () => {
    if (!started) throw new Error('the service of this suite did not start');
    return started;
  };
}

/** The six services and an orchestrator driving them for real (a generous saga budget). */
export interface RealSaga {
  services: TestServices;
  orch: Orchestrateur;
  close(): Promise<void>;
}

export async function startRealSaga(): Promise<RealSaga> {
  const services = await startTestServices();
  const orch = await startTestOrchestrateur({
    ...participantsEnv((s) => services[s].url),
    SAGA_STEP_TIMEOUT_MS: '5000',
    SAGA_BUDGET_MS: '60000',
  });
  return {
    services,
    orch,
    close: async () => {
      await orch.stop();
      await services.close();
    },
  };
}
