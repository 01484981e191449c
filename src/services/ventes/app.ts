import type { Express } from 'express';
import {
  createServiceApp,
  type RunningService,
  type ServiceDeps,
  serviceMigrations,
  startService,
} from '../../lib/service.js';
import type { VentesConfig } from './config.js';
import { Registre } from './registre.js';
import { ventesRoutes } from './routes.js';

const SERVICE = 'ventes';
export const VENTES_MIGRATIONS = serviceMigrations(SERVICE);

export type VentesDeps = ServiceDeps;
export type RunningVentes = RunningService;

const mount = (deps: VentesDeps) => ventesRoutes(new Registre(deps.db));

export function createVentesApp(deps: VentesDeps): Express {
  return createServiceApp(SERVICE, deps, mount);
}

/** Migrates the ventes database, then listens; close() stops the server and the pool. */
export function startVentes(config: VentesConfig): Promise<RunningVentes> {
  return startService({ name: SERVICE, config, migrationsDir: VENTES_MIGRATIONS, mount });
}
