import { runUntilSignal } from '../../lib/service.js';
import { startMagasin } from './app.js';
import { loadMagasinConfig } from './config.js';

/** `tsx src/main.ts magasin`: migrate, listen, stop cleanly on SIGTERM/SIGINT. */
export async function main(): Promise<void> {
  const running = await startMagasin(loadMagasinConfig());
  runUntilSignal(running, running.logger);
}
