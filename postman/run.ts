/**
 * Runs the Postman collection with newman against the running system.
 *
 *   npm start                 # in another terminal, then:
 *   npm run postman           # against localhost:8000..8006 (BASE_PORT / <NAME>_PORT move them)
 *   npm run postman -- --boot # boots the whole system itself, runs, stops it
 */
import { fileURLToPath } from 'node:url';
import newman, { type NewmanRunSummary } from 'newman';
import { createLogger } from '../src/lib/logger.js';
import { loadSystemConfig, SYSTEM_SERVICES } from '../src/system/config.js';
import { type RunningSystem, startSystem } from '../src/system/start-all.js';

const collection = fileURLToPath(new URL('./saga.postman_collection.json', import.meta.url));

function runCollection(urls: Record<string, string>): Promise<NewmanRunSummary> {
  return new Promise((resolve, reject) => {
    newman.run(
      {
        collection,
        envVar: Object.entries(urls).map(([key, value]) => ({ key, value })),
        reporters: ['cli'],
        timeoutRequest: 30_000,
      },
      (err, summary) => (err ? reject(err) : resolve(summary)),
    );
  });
}

async function main(): Promise<number> {
  const config = loadSystemConfig();
  const urls = Object.fromEntries(
    SYSTEM_SERVICES.map((s) => [s, `http://127.0.0.1:${config.ports[s]}`]),
  );
  let system: RunningSystem | undefined;
  if (process.argv.includes('--boot')) {
    system = await startSystem(config, createLogger('system', 'warn', config.logFormat));
  }
  try {
    const summary = await runCollection(urls);
    const failures = summary.run.failures.length;
    return failures === 0 && summary.error === undefined ? 0 : 1;
  } finally {
    await system?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
