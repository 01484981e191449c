import { runService } from '../../lib/service.js';
import { startClient } from './app.js';
import { loadClientConfig } from './config.js';

/** Starts the service from an environment: its own process's, or its share of npm start's. */
export const start = (env: NodeJS.ProcessEnv = process.env) => startClient(loadClientConfig(env));

/** `tsx src/main.ts client`: migrate, listen, stop cleanly on SIGTERM/SIGINT. */
export const main = (): Promise<void> => runService(start);
