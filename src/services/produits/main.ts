import { runUntilSignal } from '../../lib/service.js';
import { startProduits } from './app.js';
import { loadProduitsConfig } from './config.js';

/** `tsx src/main.ts produits`: migrate, listen, stop cleanly on SIGTERM/SIGINT. */
export async function main(): Promise<void> {
  const running = await startProduits(loadProduitsConfig());
  runUntilSignal(running, running.logger);
}
