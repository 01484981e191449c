import Joi from 'joi';
import { databaseUrl, logFormat, logLevel, parseEnv, port } from '../../lib/config.js';
import type { LogFormat, LogLevel } from '../../lib/logger.js';

export interface StockConfig {
  port: number;
  host: string;
  databaseUrl: string;
  dbPoolMax: number;
  seuilSurstock: number;
  logLevel: LogLevel;
  logFormat: LogFormat;
}

interface Env {
  PORT: number;
  HOST: string;
  DATABASE_URL: string;
  DB_POOL_MAX: number;
  SURSTOCK_SEUIL: number;
  LOG_LEVEL: LogLevel;
  LOG_FORMAT: LogFormat;
}

/** The only place the stock process reads its environment. */
export function loadStockConfig(env: NodeJS.ProcessEnv = process.env): Readonly<StockConfig> {
  const e = parseEnv(
    Joi.object<Env>({
      PORT: port(8003),
      HOST: Joi.string().default('0.0.0.0'),
      DATABASE_URL: databaseUrl().required(),
      DB_POOL_MAX: Joi.number().integer().min(1).max(100).default(10),
      SURSTOCK_SEUIL: Joi.number().integer().min(0).default(100),
      LOG_LEVEL: logLevel,
      LOG_FORMAT: logFormat(env),
    }),
    env,
  );
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dbPoolMax: e.DB_POOL_MAX,
    seuilSurstock: e.SURSTOCK_SEUIL,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
  });
}
