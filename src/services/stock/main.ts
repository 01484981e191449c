import { runUntilSignal } from '../../lib/service.js';
import { startStock } from './app.js';
import { loadStockConfig } from './config.js';

/** `tsx src/main.ts stock`: migrate, listen, stop cleanly on SIGTERM/SIGINT. */
export async function main(): Promise<void> {
  const running = await startStock(loadStockConfig());
  runUntilSignal(running, running.logger);
}
