import { type RunningService, startService } from '../../lib/service.js';
import type { StockConfig } from './config.js';
import { Reservations } from './reservations.js';
import { stockRoutes } from './routes.js';
import { StockLevels } from './stock-levels.js';

export type RunningStock = RunningService;

/** Migrates the stock database, then listens; close() stops the server and the pool. */
export function startStock(config: StockConfig): Promise<RunningStock> {
  return startService({
    name: 'stock',
    config,
    mount: ({ db }) => stockRoutes(new StockLevels(db, config.seuilSurstock), new Reservations(db)),
  });
}
