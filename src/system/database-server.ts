import pg from 'pg';
import { type PostgresServer, startEmbeddedPostgres } from '../lib/embedded-postgres.js';
import type { SystemConfig } from './config.js';

const NAME = /^[a-z_][a-z0-9_]*$/;

/** A server reached through an admin URL (e.g. postgres://postgres:pw@db:5432/postgres). */
function existingServer(adminUrl: string): PostgresServer {
  const urlFor = (database: string): string => {
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    return url.toString();
  };
  return {
    urlFor,
    async ensureDatabase(database) {
      if (!NAME.test(database)) throw new Error(`Bad database name: ${database}`);
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
          database,
        ]);
        if (found.rowCount === 0) {
          // Identifier checked above; CREATE DATABASE takes no bind parameters.
          await client.query(`CREATE DATABASE "${database}"`).catch((err: { code?: string }) => {
            if (err.code !== '42P04') throw err; // created meanwhile by another process
          });
        }
      } finally {
        await client.end();
      }
    },
    stop: () => Promise.resolve(),
  };
}

/** DATABASE_URL given: that server, as admin. Else the embedded PostgreSQL in .data/postgres. */
export async function openDatabaseServer(
  config: Pick<SystemConfig, 'adminDatabaseUrl' | 'embeddedPgDir' | 'embeddedPgPort'>,
  onLog?: (line: string) => void,
): Promise<PostgresServer> {
  if (config.adminDatabaseUrl !== undefined) return existingServer(config.adminDatabaseUrl);
  return startEmbeddedPostgres({
    dataDir: config.embeddedPgDir,
    port: config.embeddedPgPort,
    persistent: true,
    ...(onLog ? { onLog } : {}),
  });
}
