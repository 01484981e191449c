import Joi from 'joi';
import { type AuthConfig, type AuthEnv, authConfig, authEnv } from './auth-config.js';
import { databaseUrl, logFormat, logLevel, parseEnv, port } from './config.js';
import type { LogFormat, LogLevel } from './logger.js';
import { type TracingConfig, tracingConfig } from './tracing-config.js';

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
  /** The OTEL_* settings; absent or without an endpoint, nothing is traced. */
  tracing?: TracingConfig;
}

/** The demo fault switches' settings (src/lib/pannes.ts); only the saga participants mount any. */
export interface DemoFaultsConfig {
  demoFaults: boolean;
  /** How long the `lenteur` fault holds a call before its 503. */
  panneLenteurMs: number;
}

/** What a saga participant (panier, stock, client, ventes) reads from its environment. */
export type ParticipantConfig = ServiceConfig & DemoFaultsConfig;

export interface BaseServiceEnv extends AuthEnv {
  PORT: number;
  HOST: string;
  DATABASE_URL: string;
  DB_POOL_MAX: number;
  LOG_LEVEL: LogLevel;
  LOG_FORMAT: LogFormat;
  DEMO_FAULTS: boolean;
  PANNE_LENTEUR_MS: number;
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
    // Off unless asked (`npm start` asks): a deployment never carries the switches.
    DEMO_FAULTS: Joi.boolean().default(false),
    // Longer than the orchestrator's step timeout (2 s by default), so the call times out.
    PANNE_LENTEUR_MS: Joi.number().integer().min(0).max(120_000).default(5000),
  };
}

/** Maps the validated common variables (and the OTEL_* ones of env) to their config keys. */
export function baseServiceConfig(e: BaseServiceEnv, env: NodeJS.ProcessEnv): ParticipantConfig {
  return {
    tracing: tracingConfig(env),
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dbPoolMax: e.DB_POOL_MAX,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    auth: authConfig(e),
    demoFaults: e.DEMO_FAULTS,
    panneLenteurMs: e.PANNE_LENTEUR_MS,
  };
}

/** The whole config of a service that needs nothing beyond the common variables. */
export function loadServiceConfig(
  defaultPort: number,
  env: NodeJS.ProcessEnv,
): Readonly<ParticipantConfig> {
  const e = parseEnv(Joi.object<BaseServiceEnv>(baseServiceEnv(defaultPort, env)), env);
  return Object.freeze(baseServiceConfig(e, env));
}
