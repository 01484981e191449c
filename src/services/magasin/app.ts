import type { Express } from 'express';
import {
  createServiceApp,
  type RunningService,
  type ServiceDeps,
  serviceMigrations,
  startService,
} from '../../lib/service.js';
import type { MagasinConfig } from './config.js';
import { Magasins } from './magasins.js';
import { magasinRoutes } from './routes.js';

const SERVICE = 'magasin';
export const MAGASIN_MIGRATIONS = serviceMigrations(SERVICE);

export type MagasinDeps = ServiceDeps;
export type RunningMagasin = RunningService;

const mount = (deps: MagasinDeps) => magasinRoutes(new Magasins(deps.db));

export function createMagasinApp(deps: MagasinDeps): Express {
  return createServiceApp(SERVICE, deps, mount);
}

/** Migrates the magasin database, then listens; close() stops the server and the pool. */
export function startMagasin(config: MagasinConfig): Promise<RunningMagasin> {
  return startService({ name: SERVICE, config, migrationsDir: MAGASIN_MIGRATIONS, mount });
}
