import type { Express } from 'express';
import {
  createServiceApp,
  type RunningService,
  type ServiceDeps,
  serviceMigrations,
  startService,
} from '../../lib/service.js';
import type { PanierConfig } from './config.js';
import { Paniers } from './paniers.js';
import { panierRoutes } from './routes.js';
import { CatalogueClient, ClientsClient, createHttp } from './services-http.js';

const SERVICE = 'panier';
export const PANIER_MIGRATIONS = serviceMigrations(SERVICE);

export interface PanierDeps extends ServiceDeps {
  produitsUrl: string;
  clientUrl: string;
  httpTimeoutMs: number;
}
export type RunningPanier = RunningService;

function mount(deps: PanierDeps) {
  const http = createHttp({ timeoutMs: deps.httpTimeoutMs });
  const paniers = new Paniers(
    deps.db,
    new CatalogueClient(http, deps.produitsUrl),
    new ClientsClient(http, deps.clientUrl),
  );
  return panierRoutes(paniers);
}

export function createPanierApp(deps: PanierDeps): Express {
  return createServiceApp(SERVICE, deps, mount);
}

/** Migrates the panier database, then listens; close() stops the server and the pool. */
export function startPanier(config: PanierConfig): Promise<RunningPanier> {
  const { produitsUrl, clientUrl, httpTimeoutMs } = config;
  return startService({
    name: SERVICE,
    config,
    migrationsDir: PANIER_MIGRATIONS,
    mount: (deps) => mount({ ...deps, produitsUrl, clientUrl, httpTimeoutMs }),
  });
}
