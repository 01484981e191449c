import type { Express } from 'express';
import {
  createServiceApp,
  type RunningService,
  type ServiceDeps,
  serviceMigrations,
  startService,
} from '../../lib/service.js';
import type { StockConfig } from './config.js';
import { Reservations } from './reservations.js';
import { stockRoutes } from './routes.js';
import { StockLevels } from './stock-levels.js';

const SERVICE = 'stock';
export const STOCK_MIGRATIONS = serviceMigrations(SERVICE);

export interface StockDeps extends ServiceDeps {
  /** Above this quantity a line shows in the surstock report (unless ?seuil= says otherwise). */
  seuilSurstock: number;
}
export type RunningStock = RunningService;

const mount = (deps: StockDeps) =>
  stockRoutes(new StockLevels(deps.db, deps.seuilSurstock), new Reservations(deps.db));

export function createStockApp(deps: StockDeps): Express {
  return createServiceApp(SERVICE, deps, mount);
}

/** Migrates the stock database, then listens; close() stops the server and the pool. */
export function startStock(config: StockConfig): Promise<RunningStock> {
  return startService({
    name: SERVICE,
    config,
    migrationsDir: STOCK_MIGRATIONS,
    mount: (deps) => mount({ ...deps, seuilSurstock: config.seuilSurstock }),
  });
}
