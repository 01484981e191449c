import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createDb, migrate } from '../lib/db.js';
import type { PostgresServer } from '../lib/embedded-postgres.js';
import type { SystemService } from './config.js';

/** migrations/<service>, next to src/ (works from src/ with tsx and from dist/ once built). */
export const migrationsDir = (service: SystemService): string =>
  fileURLToPath(new URL(`../../migrations/${service}`, import.meta.url));

export const databaseName = (prefix: string, service: SystemService): string =>
  `${prefix}${service}`;

/** Creates each service's database unless it exists, then runs its migrations. */
export async function prepareDatabases(
  server: PostgresServer,
  services: readonly SystemService[],
  prefix: string,
  log: (line: string) => void,
): Promise<Record<string, string>> {
  const urls: Record<string, string> = {};
  for (const service of services) {
    const name = databaseName(prefix, service);
    await server.ensureDatabase(name);
    urls[service] = server.urlFor(name);
    const dir = migrationsDir(service);
    if (!existsSync(dir)) {
      log(`no migrations folder for ${service} (${dir}); skipped`);
      continue;
    }
    const db = createDb({ url: server.urlFor(name), poolMax: 1, applicationName: 'migrate-all' });
    try {
      await migrate(db, dir);
      log(`database ${name} migrated`);
    } finally {
      await db.destroy();
    }
  }
  return urls;
}
