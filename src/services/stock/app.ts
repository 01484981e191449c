import { withPannes } from '../../lib/pannes.js';
import { serviceStarter } from '../../lib/service-starter.js';
import type { StockConfig } from './config.js';
import { Reservations } from './reservations.js';
import { stockRoutes } from './routes.js';
import { StockLevels } from './stock-levels.js';

/** The stock service: migrates its database, then listens (see serviceStarter). */
export const startStock = serviceStarter<StockConfig>('stock', ({ db, guards }, config) =>
  withPannes(
    'stock',
    config,
    guards,
    stockRoutes(new StockLevels(db, config.seuilSurstock), new Reservations(db), guards),
  ),
);
