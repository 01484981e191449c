import type { JWTVerifyGetKey } from 'jose';
import type { Knex } from 'knex';
import { type Mount, type RunningService, type ServiceDeps, startService } from './service.js';
import type { ServiceConfig } from './service-config.js';

/**
 * The start function of a participant service, from its name and what it mounts: it
 * migrates the service's database (`migrations/<name>`), mounts the routes and listens;
 * close() stops the server and the pool. `keys` replaces the remote JWKS (the auth service
 * verifies with its own keys).
 */
export function serviceStarter<C extends ServiceConfig>(
  name: string,
  mount: (deps: ServiceDeps, config: C) => ReturnType<Mount>,
  keys?: (db: Knex, config: C) => JWTVerifyGetKey,
): (config: C) => Promise<RunningService> {
  return (config) =>
    startService({
      name,
      config,
      mount: (deps) => mount(deps, config),
      ...(keys ? { keys: (db: Knex) => keys(db, config) } : {}),
    });
}
