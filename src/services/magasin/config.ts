import { loadServiceConfig, type ServiceConfig } from '../../lib/service-config.js';

export type MagasinConfig = ServiceConfig;

/** The only place the magasin process reads its environment. */
export function loadMagasinConfig(env: NodeJS.ProcessEnv = process.env): Readonly<MagasinConfig> {
  return loadServiceConfig(8002, env);
}
