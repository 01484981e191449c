import { runUntilSignal } from '../../lib/service.js';
import { startVentes } from './app.js';
import { loadVentesConfig } from './config.js';

/** `tsx src/main.ts ventes`: migrate, listen, stop cleanly on SIGTERM/SIGINT. */
export async function main(): Promise<void> {
  const running = await startVentes(loadVentesConfig());
  runUntilSignal(running, running.logger);
}
