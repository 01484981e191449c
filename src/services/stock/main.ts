import { startStock } from './app.js';
import { loadStockConfig } from './config.js';

const FORCED_EXIT_MS = 10_000;

/** `tsx src/main.ts stock`: migrate, listen, stop cleanly on SIGTERM/SIGINT. */
export async function main(): Promise<void> {
  const running = await startStock(loadStockConfig());
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    running.logger.info(`${signal} received, stopping`);
    setTimeout(() => process.exit(1), FORCED_EXIT_MS).unref();
    running.close().then(
      () => process.exit(0),
      (err: unknown) => {
        running.logger.error('unclean stop', { err });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
