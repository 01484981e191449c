import { runService } from '../../lib/service.js';
import { startPanier } from './app.js';
import { loadPanierConfig } from './config.js';

/** Starts the service from an environment: its own process's, or its share of npm start's. */
export const start = (env: NodeJS.ProcessEnv = process.env) => startPanier(loadPanierConfig(env));

/** `tsx src/main.ts panier`: migrate, listen, stop cleanly on SIGTERM/SIGINT. */
export const main = (): Promise<void> => runService(start);
