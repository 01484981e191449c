import { runService } from '../../lib/service.js';
import { startProduits } from './app.js';
import { loadProduitsConfig } from './config.js';

/** Starts the service from an environment: its own process's, or its share of npm start's. */
export const start = (env: NodeJS.ProcessEnv = process.env) =>
  startProduits(loadProduitsConfig(env));

/** `tsx src/main.ts produits`: migrate, listen, stop cleanly on SIGTERM/SIGINT. */
export const main = (): Promise<void> => runService(start);
