import { runUntilSignal } from '../../lib/service.js';
import { startAuth } from './app.js';
import { loadAuthConfig } from './config.js';

/** `tsx src/main.ts auth`: migrate, make a signing key if none, listen, stop on SIGTERM/SIGINT. */
export async function main(): Promise<void> {
  const running = await startAuth(loadAuthConfig());
  runUntilSignal(running, running.logger);
}
