import Joi from 'joi';
import { databaseUrl, logFormat, logLevel, parseEnv, port } from '../../lib/config.js';
import type { LogFormat, LogLevel } from '../../lib/logger.js';

export interface ClientConfig {
  port: number;
  host: string;
  databaseUrl: string;
  dbPoolMax: number;
  logLevel: LogLevel;
  logFormat: LogFormat;
}

interface Env {
  PORT: number;
  HOST: string;
  DATABASE_URL: string;
  DB_POOL_MAX: number;
  LOG_LEVEL: LogLevel;
  LOG_FORMAT: LogFormat;
}

/** The only place the client process reads its environment. */
export function loadClientConfig(env: NodeJS.ProcessEnv = process.env): Readonly<ClientConfig> {
  const e = parseEnv(
    Joi.object<Env>({
      PORT: port(8004),
      HOST: Joi.string().default('0.0.0.0'),
      DATABASE_URL: databaseUrl().required(),
      DB_POOL_MAX: Joi.number().integer().min(1).max(100).default(10),
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
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
  });
}
