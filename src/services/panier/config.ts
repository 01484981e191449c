import Joi from 'joi';
import { httpUrl, parseEnv } from '../../lib/config.js';
import {
  baseServiceConfig,
  baseServiceEnv,
  type BaseServiceEnv,
  type ParticipantConfig,
} from '../../lib/service-config.js';

export interface PanierConfig extends ParticipantConfig {
  produitsUrl: string;
  clientUrl: string;
  httpTimeoutMs: number;
}

interface Env extends BaseServiceEnv {
  PRODUITS_URL: string;
  CLIENT_URL: string;
  HTTP_TIMEOUT_MS: number;
}

/** The only place the panier process reads its environment. */
export function loadPanierConfig(env: NodeJS.ProcessEnv = process.env): Readonly<PanierConfig> {
  const e = parseEnv(
    Joi.object<Env>({
      ...baseServiceEnv(8005, env),
      PRODUITS_URL: httpUrl().required(),
      CLIENT_URL: httpUrl().required(),
      HTTP_TIMEOUT_MS: Joi.number().integer().min(10).default(2000),
    }),
    env,
  );
  return Object.freeze({
    ...baseServiceConfig(e, env),
    produitsUrl: e.PRODUITS_URL,
    clientUrl: e.CLIENT_URL,
    httpTimeoutMs: e.HTTP_TIMEOUT_MS,
  });
}
