import Joi from 'joi';
import { parseEnv } from '../../lib/config.js';
import {
  baseServiceConfig,
  baseServiceEnv,
  type BaseServiceEnv,
  type ParticipantConfig,
} from '../../lib/service-config.js';

export interface StockConfig extends ParticipantConfig {
  seuilSurstock: number;
}

interface Env extends BaseServiceEnv {
  SURSTOCK_SEUIL: number;
}

/** The only place the stock process reads its environment. */
export function loadStockConfig(env: NodeJS.ProcessEnv = process.env): Readonly<StockConfig> {
  const e = parseEnv(
    Joi.object<Env>({
      ...baseServiceEnv(8003, env),
      SURSTOCK_SEUIL: Joi.number().integer().min(0).default(100),
    }),
    env,
  );
  return Object.freeze({ ...baseServiceConfig(e, env), seuilSurstock: e.SURSTOCK_SEUIL });
}
