import Joi from 'joi';
import { type AuthConfig, type AuthEnv, authConfig, authEnv } from './auth-config.js';
import { databaseUrl, logFormat, logLevel, parseEnv, port } from './config.js';
import type { LogFormat, LogLevel } from './logger.js';

/** What every participant service reads from its environment. */
export interface ServiceConfig {
  port: number;
  host: string;
  databaseUrl: string;
  dbPoolMax: number;
  logLevel: LogLevel;
  logFormat: LogFormat;
  /** Who may call it (src/lib/auth.ts). */
  auth: AuthConfig;
}

export interface BaseServiceEnv extends AuthEnv {
  PORT: number;
  HOST: string;
  DATABASE_URL: string;
  DB_POOL_MAX: number;
  LOG_LEVEL: LogLevel;
  LOG_FORMAT: LogFormat;
}

/** The joi keys of the common variables; spread them into a service's own schema. */
export function baseServiceEnv(
  defaultPort: number,
  env: NodeJS.ProcessEnv,
): Required<Joi.PartialSchemaMap<BaseServiceEnv>> {
  return {
    PORT: port(defaultPort),
    // Loopback unless told: a service answers nobody else on the network by accident. A
    // container sets HOST=0.0.0.0 so that its published or internal port is reachable.
    HOST: Joi.string().default('127.0.0.1'),
    DATABASE_URL: databaseUrl().required(),
    DB_POOL_MAX: Joi.number().integer().min(1).max(100).default(10),
    LOG_LEVEL: logLevel,
    LOG_FORMAT: logFormat(env),
    ...authEnv(),
  };
}

/** Maps the validated common variables to their config keys. */
export function baseServiceConfig(e: BaseServiceEnv): ServiceConfig {
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dbPoolMax: e.DB_POOL_MAX,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    auth: authConfig(e),
  };
}

/** The whole config of a service that needs nothing beyond the common variables. */
export function loadServiceConfig(
  defaultPort: number,
  env: NodeJS.ProcessEnv,
): Readonly<ServiceConfig> {
  const e = parseEnv(Joi.object<BaseServiceEnv>(baseServiceEnv(defaultPort, env)), env);
  return Object.freeze(baseServiceConfig(e));
}
