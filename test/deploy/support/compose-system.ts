import { type Orchestrateur, startOrchestrateur } from '../../../src/orchestrateur/app.js';
import { loadOrchestrateurConfig } from '../../../src/orchestrateur/config.js';
import { startAuth } from '../../../src/services/auth/app.js';
import { loadAuthConfig } from '../../../src/services/auth/config.js';
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
import { main as seed } from '../../../src/system/seed-all.js';
import { freshDatabaseUrl } from '../../support/postgres.js';
import { type OtlpReceiver, startOtlpReceiver } from '../../tracing/otlp-receiver.js';
import { type ComposeFile, type ComposeService, dependsOf, TRACE_STORE } from './compose.js';

interface Running {
  url: string;
  close(): Promise<void>;
}

const asRunning = (o: Orchestrateur): Running => ({ url: o.url, close: () => o.stop() });

/** Each command of the app image, started in this process from its own config loader. */
const STARTERS: Record<string, (env: NodeJS.ProcessEnv) => Promise<Running>> = {
  auth: (e) => startAuth(loadAuthConfig(e)),
  produits: (e) => startProduits(loadProduitsConfig(e)),
  magasin: (e) => startMagasin(loadMagasinConfig(e)),
  stock: (e) => startStock(loadStockConfig(e)),
  client: (e) => startClient(loadClientConfig(e)),
  panier: (e) => startPanier(loadPanierConfig(e)),
  ventes: (e) => startVentes(loadVentesConfig(e)),
  orchestrateur: async (e) => {
    const config = loadOrchestrateurConfig(e);
    return asRunning(await startOrchestrateur({ ...config, databaseUrl: e.DATABASE_URL ?? '' }));
  },
};

/** Container name → where it answers here (stock-lb: the first stock instance). */
export type Urls = Record<string, string>;

export interface ComposeSystem {
  urls: Urls;
  /** Stands in for the trace store: the spans the services exported to it. */
  traces: OtlpReceiver;
  close(): Promise<void>;
}

/**
 * A container's environment exactly as docker-compose.yml gives it, with only what a machine
 * without Docker must change: each database URL points at a fresh database of the test
 * server, each `http://<container>:<port>` at where that service runs here, and the services
 * listen on 127.0.0.1 and a free port (HOST and the ports are checked in topology.test.ts).
 */
function localEnv(
  env: Record<string, string | null>,
  urls: Urls,
  databases: Record<string, string>,
): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === null) continue;
    if (k.endsWith('DATABASE_URL')) {
      const db = databases[new URL(v).hostname];
      if (db === undefined) throw new Error(`${k}: no database ${v}`);
      out[k] = db;
    } else if (/^https?:\/\//.test(v)) {
      const u = new URL(v);
      const base = urls[u.hostname];
      if (base === undefined) throw new Error(`${k}: ${u.hostname} is not running`);
      out[k] = `${base}${u.pathname}${u.search}`;
    } else {
      out[k] = v;
    }
  }
  return { ...out, HOST: '127.0.0.1', PORT: '0', DB_POOL_MAX: '3', LOG_LEVEL: 'silent' };
}

const commandOf = (s: ComposeService): string => [s.command].flat().join(' ');

/** stock-lb is nginx in front of both instances (nginx.test.ts runs it); here instance 1. */
const STAND_INS: Record<string, string> = { 'stock-lb': 'stock-service-1' };

function startable(s: ComposeService, urls: Urls, databases: Record<string, string>): boolean {
  return Object.keys(dependsOf(s)).every(
    (d) => databases[d] !== undefined || urls[STAND_INS[d] ?? d] !== undefined,
  );
}

/**
 * Starts every app container of the resolved compose file in dependency order, each with its
 * compose environment (see localEnv), then runs the demo-seed container's job the same way.
 * The trace store is an OTLP receiver of this process.
 */
export async function startComposeSystem(resolved: ComposeFile): Promise<ComposeSystem> {
  const services = Object.entries(resolved.services);
  const databases: Record<string, string> = {};
  for (const [name, s] of services) {
    if (/^postgres:/.test(s.image ?? ''))
      databases[name] = await freshDatabaseUrl(`compose_${name.replace(/-/g, '_')}`);
  }
  const apps = services.filter(([, s]) => STARTERS[commandOf(s)] !== undefined);
  // The services export their spans to the trace store's OTLP port: an OTLP receiver here.
  const traces = await startOtlpReceiver();
  const urls: Urls = { [TRACE_STORE]: traces.endpoint };
  const running: Running[] = [];
  const close = async (): Promise<void> => {
    for (const r of running.reverse()) await r.close();
    await traces.close();
  };
  try {
    while (apps.some(([name]) => urls[name] === undefined)) {
      const ready = apps.filter(
        ([name, s]) => urls[name] === undefined && startable(s, urls, databases),
      );
      if (ready.length === 0) throw new Error('dependency cycle in docker-compose.yml');
      for (const [name, s] of ready) {
        const r = await (STARTERS[commandOf(s)] as (e: NodeJS.ProcessEnv) => Promise<Running>)(
          localEnv(s.environment ?? {}, urls, databases),
        );
        running.push(r);
        urls[name] = r.url;
        for (const [alias, target] of Object.entries(STAND_INS)) {
          if (target === name) urls[alias] = r.url;
        }
      }
    }
    const seeder = resolved.services['demo-seed'];
    await seed(localEnv(seeder?.environment ?? {}, urls, databases));
    return { urls, traces, close };
  } catch (err) {
    await close();
    throw err;
  }
}
