import Joi from 'joi';
import { databaseUrl, httpUrl, logFormat, logLevel, parseEnv, port } from '../../lib/config.js';
import type { LogFormat, LogLevel } from '../../lib/logger.js';

export interface PanierConfig {
  port: number;
  host: string;
  databaseUrl: string;
  dbPoolMax: number;
  produitsUrl: string;
  clientUrl: string;
  httpTimeoutMs: number;
  logLevel: LogLevel;
  logFormat: LogFormat;
}

interface Env {
  PORT: number;
  HOST: string;
  DATABASE_URL: string;
  DB_POOL_MAX: number;
  PRODUITS_URL: string;
  CLIENT_URL: string;
  HTTP_TIMEOUT_MS: number;
  LOG_LEVEL: LogLevel;
  LOG_FORMAT: LogFormat;
}

/** The only place the panier process reads its environment. */
export function loadPanierConfig(env: NodeJS.ProcessEnv = process.env): Readonly<PanierConfig> {
  const e = parseEnv(
    Joi.object<Env>({
      PORT: port(8005),
      HOST: Joi.string().default('0.0.0.0'),
      DATABASE_URL: databaseUrl().required(),
      DB_POOL_MAX: Joi.number().integer().min(1).max(100).default(10),
      PRODUITS_URL: httpUrl().required(),
      CLIENT_URL: httpUrl().required(),
      HTTP_TIMEOUT_MS: Joi.number().integer().min(10).default(2000),
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
    produitsUrl: e.PRODUITS_URL,
    clientUrl: e.CLIENT_URL,
    httpTimeoutMs: e.HTTP_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
  });
}
