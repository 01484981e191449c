import { runService } from '../../lib/service.js';
import { startStock } from './app.js';
import { loadStockConfig } from './config.js';

/** Starts the service from an environment: its own process's, or its share of npm start's. */
export const start = (env: NodeJS.ProcessEnv = process.env) => startStock(loadStockConfig(env));

/** `tsx src/main.ts stock`: migrate, listen, stop cleanly on SIGTERM/SIGINT. */
export const main = (): Promise<void> => runService(start);
