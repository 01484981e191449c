import { runService } from '../../lib/service.js';
import { startVentes } from './app.js';
import { loadVentesConfig } from './config.js';

/** Starts the service from an environment: its own process's, or its share of npm start's. */
export const start = (env: NodeJS.ProcessEnv = process.env) => startVentes(loadVentesConfig(env));

/** `tsx src/main.ts ventes`: migrate, listen, stop cleanly on SIGTERM/SIGINT. */
export const main = (): Promise<void> => runService(start);
