import { runUntilSignal } from '../../lib/service.js';
import { startClient } from './app.js';
import { loadClientConfig } from './config.js';

/** `tsx src/main.ts client`: migrate, listen, stop cleanly on SIGTERM/SIGINT. */
export async function main(): Promise<void> {
  const running = await startClient(loadClientConfig());
  runUntilSignal(running, running.logger);
}
