import { startMagasin } from './app.js';
import { loadMagasinConfig } from './config.js';

const FORCED_EXIT_MS = 10_000;

/** `tsx src/main.ts magasin`: migrate, listen, stop cleanly on SIGTERM/SIGINT. */
export async function main(): Promise<void> {
  const running = await startMagasin(loadMagasinConfig());
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
