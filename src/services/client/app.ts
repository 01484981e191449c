import type { Express } from 'express';
import {
  createServiceApp,
  type RunningService,
  type ServiceDeps,
  serviceMigrations,
  startService,
} from '../../lib/service.js';
import type { ClientConfig } from './config.js';
import { Comptes } from './comptes.js';
import { clientRoutes } from './routes.js';

const SERVICE = 'client';
export const CLIENT_MIGRATIONS = serviceMigrations(SERVICE);

export type ClientDeps = ServiceDeps;
export type RunningClient = RunningService;

const mount = (deps: ClientDeps) => clientRoutes(new Comptes(deps.db));

export function createClientApp(deps: ClientDeps): Express {
  return createServiceApp(SERVICE, deps, mount);
}

/** Migrates the client database, then listens; close() stops the server and the pool. */
export function startClient(config: ClientConfig): Promise<RunningClient> {
  return startService({ name: SERVICE, config, migrationsDir: CLIENT_MIGRATIONS, mount });
}
