import path from 'node:path';
import { startEmbeddedPostgres } from '../lib/embedded-postgres.js';
import { runUntilSignal } from '../lib/service.js';
import { startOrchestrateur } from './app.js';
import { loadOrchestrateurConfig } from './config.js';

/** `npm run start:orchestrateur`: one instance, on DATABASE_URL or an embedded PostgreSQL. */
export async function main(): Promise<void> {
  const config = loadOrchestrateurConfig(process.env);
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: path.resolve(config.embeddedPgDir),
        port: config.embeddedPgPort,
        persistent: true,
      });
  if (embedded) await embedded.ensureDatabase('orchestrateur');
  const databaseUrl = config.databaseUrl ?? embedded?.urlFor('orchestrateur') ?? '';
  const orchestrateur = await startOrchestrateur({ ...config, databaseUrl });
  const close = async (): Promise<void> => {
    await orchestrateur.stop();
    await embedded?.stop();
  };
  // Running sagas get their grace period before the forced exit.
  runUntilSignal({ close }, orchestrateur.logger, config.shutdownGraceMs + 10_000);
}
