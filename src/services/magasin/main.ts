import { runService } from '../../lib/service.js';
import { startMagasin } from './app.js';
import { loadMagasinConfig } from './config.js';

/** Starts the service from an environment: its own process's, or its share of npm start's. */
export const start = (env: NodeJS.ProcessEnv = process.env) => startMagasin(loadMagasinConfig(env));

/** `tsx src/main.ts magasin`: migrate, listen, stop cleanly on SIGTERM/SIGINT. */
export const main = (): Promise<void> => runService(start);
