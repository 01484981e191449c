import { loadServiceConfig, type ParticipantConfig } from '../../lib/service-config.js';

export type ClientConfig = ParticipantConfig;

/** The only place the client process reads its environment. */
export function loadClientConfig(env: NodeJS.ProcessEnv = process.env): Readonly<ClientConfig> {
  return loadServiceConfig(8004, env);
}
