import { loadServiceConfig, type ServiceConfig } from '../../lib/service-config.js';

export type ProduitsConfig = ServiceConfig;

/** The only place the produits process reads its environment. */
export function loadProduitsConfig(env: NodeJS.ProcessEnv = process.env): Readonly<ProduitsConfig> {
  return loadServiceConfig(8001, env);
}
