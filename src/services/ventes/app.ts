import { type RunningService, startService } from '../../lib/service.js';
import { Registre } from './registre.js';
import type { VentesConfig } from './config.js';
import { ventesRoutes } from './routes.js';

export type RunningVentes = RunningService;

/** Migrates the ventes database, then listens; close() stops the server and the pool. */
export function startVentes(config: VentesConfig): Promise<RunningVentes> {
  return startService({
    name: 'ventes',
    config,
    mount: (deps) => ventesRoutes(new Registre(deps.db)),
  });
}
