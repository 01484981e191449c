import { type RunningService, startService } from '../../lib/service.js';
import { Magasins } from './magasins.js';
import type { MagasinConfig } from './config.js';
import { magasinRoutes } from './routes.js';

export type RunningMagasin = RunningService;

/** Migrates the magasin database, then listens; close() stops the server and the pool. */
export function startMagasin(config: MagasinConfig): Promise<RunningMagasin> {
  return startService({
    name: 'magasin',
    config,
    mount: (deps) => magasinRoutes(new Magasins(deps.db)),
  });
}
