import { runService } from '../../lib/service.js';
import { startAuth } from './app.js';
import { loadAuthConfig } from './config.js';

/** Starts the service from an environment: its own process's, or its share of npm start's. */
export const start = (env: NodeJS.ProcessEnv = process.env) => startAuth(loadAuthConfig(env));

/** `tsx src/main.ts auth`: migrate, make a signing key if none, listen, stop on SIGTERM/SIGINT. */
export const main = (): Promise<void> => runService(start);
