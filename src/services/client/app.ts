import { type RunningService, startService } from '../../lib/service.js';
import { Comptes } from './comptes.js';
import type { ClientConfig } from './config.js';
import { clientRoutes } from './routes.js';

export type RunningClient = RunningService;

/** Migrates the client database, then listens; close() stops the server and the pool. */
export function startClient(config: ClientConfig): Promise<RunningClient> {
  return startService({
    name: 'client',
    config,
    mount: (deps) => clientRoutes(new Comptes(deps.db)),
  });
}
