import type { Express } from 'express';
import {
  createServiceApp,
  type RunningService,
  type ServiceDeps,
  serviceMigrations,
  startService,
} from '../../lib/service.js';
import type { ProduitsConfig } from './config.js';
import { Catalogue } from './catalogue.js';
import { produitsRoutes } from './routes.js';

const SERVICE = 'produits';
export const PRODUITS_MIGRATIONS = serviceMigrations(SERVICE);

export type ProduitsDeps = ServiceDeps;
export type RunningProduits = RunningService;

const mount = (deps: ProduitsDeps) => produitsRoutes(new Catalogue(deps.db));

export function createProduitsApp(deps: ProduitsDeps): Express {
  return createServiceApp(SERVICE, deps, mount);
}

/** Migrates the produits database, then listens; close() stops the server and the pool. */
export function startProduits(config: ProduitsConfig): Promise<RunningProduits> {
  return startService({ name: SERVICE, config, migrationsDir: PRODUITS_MIGRATIONS, mount });
}
