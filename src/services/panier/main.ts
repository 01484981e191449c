import { runUntilSignal } from '../../lib/service.js';
import { startPanier } from './app.js';
import { loadPanierConfig } from './config.js';

/** `tsx src/main.ts panier`: migrate, listen, stop cleanly on SIGTERM/SIGINT. */
export async function main(): Promise<void> {
  const running = await startPanier(loadPanierConfig());
  runUntilSignal(running, running.logger);
}
