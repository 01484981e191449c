import { createLogger } from '../lib/logger.js';
import { loadSystemConfig, SYSTEM_SERVICES } from './config.js';
import { openDatabaseServer } from './database-server.js';
import { prepareDatabases } from './databases.js';

/** `npm run migrate`: creates and migrates every service database, then stops. */
export async function main(): Promise<void> {
  const config = loadSystemConfig();
  const logger = createLogger('migrate', config.logLevel, config.logFormat);
  const server = await openDatabaseServer(config, (line) => logger.debug(line));
  try {
    await prepareDatabases(server, SYSTEM_SERVICES, config.dbPrefix, (line) => logger.info(line));
  } finally {
    await server.stop();
  }
}
