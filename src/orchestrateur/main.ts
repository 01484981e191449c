import path from 'node:path';
import { startEmbeddedPostgres } from '../lib/embedded-postgres.js';
import { loadOrchestrateurConfig } from './config.js';
import { startOrchestrateur } from './app.js';

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

  const shutdown = (signal: string): void => {
    orchestrateur.logger.info('shutting down', { signal });
    orchestrateur
      .stop()
      .then(() => embedded?.stop())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        orchestrateur.logger.error('shutdown failed', { err });
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}
