import { loadServiceConfig, type ParticipantConfig } from '../../lib/service-config.js';

export type VentesConfig = ParticipantConfig;

/** The only place the ventes process reads its environment. */
export function loadVentesConfig(env: NodeJS.ProcessEnv = process.env): Readonly<VentesConfig> {
  return loadServiceConfig(8006, env);
}
