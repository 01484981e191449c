import { type RunningService, startService } from '../../lib/service.js';
import { Catalogue } from './catalogue.js';
import type { ProduitsConfig } from './config.js';
import { produitsRoutes } from './routes.js';

export type RunningProduits = RunningService;

/** Migrates the produits database, then listens; close() stops the server and the pool. */
export function startProduits(config: ProduitsConfig): Promise<RunningProduits> {
  return startService({
    name: 'produits',
    config,
    mount: (deps) => produitsRoutes(new Catalogue(deps.db)),
  });
}
