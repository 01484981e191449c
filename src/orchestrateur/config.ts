import Joi from 'joi';
import { type AuthConfig, type AuthEnv, authConfig, authEnv } from '../lib/auth-config.js';
import { databaseUrl, httpUrl, logFormat, logLevel, parseEnv, port } from '../lib/config.js';
import type { LogFormat, LogLevel } from '../lib/logger.js';
import { type TracingConfig, tracingConfig } from '../lib/tracing-config.js';
import { listed, trustedProxiesEnv } from '../lib/client-address.js';
import { participantServices, type ParticipantService, urlVar } from '../lib/participant-calls.js';

export interface OrchestrateurConfig {
  port: number;
  host: string;
  /** Absent: an embedded PostgreSQL is started (see main.ts). */
  databaseUrl: string | undefined;
  embeddedPgPort: number;
  embeddedPgDir: string;
  dbPoolMax: number;
  /** Each participant service's base URL, from `<SERVICE>_URL` (src/lib/participant-calls.ts). */
  participantUrls: Readonly<Record<ParticipantService, string>>;
  /**
   * The sign-up saga's services (src/lib/inscription-calls.ts): AUTH_URL and CLIENT_URL.
   * Without AUTH_URL this instance neither takes sign-ups (503) nor recovers them.
   */
  inscriptionUrls: Readonly<{ auth: string; client: string }> | undefined;
  /** Whose X-Forwarded-For tells who signs up (the address the auth service throttles). */
  trustedProxies: readonly string[];
  stepTimeoutMs: number;
  stepRetries: number;
  compensationRetries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  suspendAfterMs: number;
  writeBehindMs: number;
  maxBackground: number;
  budgetMs: number;
  leaseMs: number;
  recoveryIntervalMs: number;
  recoveryBatch: number;
  maxInFlight: number;
  maxQueued: number;
  shutdownGraceMs: number;
  httpMaxSockets: number;
  /** Who may call which route; SERVICE_TOKEN is also what the saga's calls carry. */
  auth: AuthConfig;
  instanceId: string | undefined;
  logLevel: LogLevel;
  logFormat: LogFormat;
  /** The OTEL_* settings (README "Traces"); without an endpoint nothing is traced. */
  tracing: TracingConfig;
}

interface Env extends AuthEnv {
  PORT: number;
  HOST: string;
  DATABASE_URL?: string;
  EMBEDDED_PG_PORT: number;
  EMBEDDED_PG_DIR: string;
  DB_POOL_MAX: number;
  /** `<SERVICE>_URL` for each participant service. */
  [urlVar: string]: unknown;
  AUTH_URL?: string;
  AUTH_TRUSTED_PROXIES: string;
  SAGA_STEP_TIMEOUT_MS: number;
  SAGA_STEP_RETRIES: number;
  SAGA_COMPENSATION_RETRIES: number;
  SAGA_RETRY_BASE_MS: number;
  SAGA_RETRY_MAX_MS: number;
  SAGA_SUSPEND_AFTER_MS: number;
  SAGA_WRITE_BEHIND_MS: number;
  SAGA_MAX_BACKGROUND: number;
  SAGA_BUDGET_MS: number;
  SAGA_LEASE_MS: number;
  RECOVERY_INTERVAL_MS: number;
  RECOVERY_BATCH: number;
  SAGA_MAX_IN_FLIGHT: number;
  SAGA_MAX_QUEUED: number;
  SHUTDOWN_GRACE_MS: number;
  HTTP_MAX_SOCKETS: number;
  INSTANCE_ID?: string;
  LOG_LEVEL: LogLevel;
  LOG_FORMAT: LogFormat;
}

const ms = (fallback: number, min = 1): Joi.NumberSchema =>
  Joi.number().integer().min(min).default(fallback);

/** Every variable, its type, bounds and default. */
const envSchema = (env: NodeJS.ProcessEnv): Joi.ObjectSchema<Env> =>
  Joi.object<Env>({
    PORT: port(8000),
    HOST: Joi.string().default('127.0.0.1'),
    DATABASE_URL: databaseUrl(),
    EMBEDDED_PG_PORT: port(54329),
    EMBEDDED_PG_DIR: Joi.string().default('.data/postgres'),
    DB_POOL_MAX: Joi.number().integer().min(1).max(100).default(10),
    ...Object.fromEntries(participantServices().map((s) => [urlVar(s), httpUrl().required()])),
    AUTH_URL: httpUrl(),
    AUTH_TRUSTED_PROXIES: trustedProxiesEnv(),
    SAGA_STEP_TIMEOUT_MS: ms(2000),
    SAGA_STEP_RETRIES: Joi.number().integer().min(0).max(20).default(3),
    SAGA_COMPENSATION_RETRIES: Joi.number().integer().min(0).max(50).default(8),
    SAGA_RETRY_BASE_MS: ms(100),
    SAGA_RETRY_MAX_MS: ms(5000),
    SAGA_SUSPEND_AFTER_MS: ms(300_000, 100),
    SAGA_WRITE_BEHIND_MS: ms(500, 0),
    SAGA_MAX_BACKGROUND: Joi.number().integer().min(1).default(256),
    SAGA_BUDGET_MS: ms(10000),
    SAGA_LEASE_MS: ms(15000, 100),
    RECOVERY_INTERVAL_MS: ms(5000, 10),
    RECOVERY_BATCH: Joi.number().integer().min(1).max(1000).default(20),
    SAGA_MAX_IN_FLIGHT: Joi.number().integer().min(1).default(64),
    // As many waiting as running: an admitted checkout waits at most about one run (admission.ts).
    SAGA_MAX_QUEUED: Joi.number().integer().min(0).default(Joi.ref('SAGA_MAX_IN_FLIGHT')),
    SHUTDOWN_GRACE_MS: ms(10000, 0),
    HTTP_MAX_SOCKETS: Joi.number().integer().min(1).default(128),
    ...authEnv(),
    INSTANCE_ID: Joi.string().pattern(/^[\w.:-]{1,64}$/),
    LOG_LEVEL: logLevel,
    LOG_FORMAT: logFormat(env),
  }).custom((v: Env, helpers) =>
    v.RECOVERY_INTERVAL_MS >= v.SAGA_LEASE_MS
      ? helpers.message({ custom: 'RECOVERY_INTERVAL_MS must be shorter than SAGA_LEASE_MS' })
      : v,
  );

export function loadOrchestrateurConfig(env: NodeJS.ProcessEnv): Readonly<OrchestrateurConfig> {
  const e = parseEnv(envSchema(env), env);
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    embeddedPgDir: e.EMBEDDED_PG_DIR,
    dbPoolMax: e.DB_POOL_MAX,
    participantUrls: Object.freeze(
      Object.fromEntries(participantServices().map((s) => [s, String(e[urlVar(s)])])),
    ) as Record<ParticipantService, string>,
    inscriptionUrls:
      e.AUTH_URL === undefined
        ? undefined
        : Object.freeze({ auth: e.AUTH_URL, client: String(e[urlVar('client')]) }),
    trustedProxies: Object.freeze(listed(e.AUTH_TRUSTED_PROXIES)),
    stepTimeoutMs: e.SAGA_STEP_TIMEOUT_MS,
    stepRetries: e.SAGA_STEP_RETRIES,
    compensationRetries: e.SAGA_COMPENSATION_RETRIES,
    retryBaseMs: e.SAGA_RETRY_BASE_MS,
    retryMaxMs: e.SAGA_RETRY_MAX_MS,
    suspendAfterMs: e.SAGA_SUSPEND_AFTER_MS,
    writeBehindMs: e.SAGA_WRITE_BEHIND_MS,
    maxBackground: e.SAGA_MAX_BACKGROUND,
    budgetMs: e.SAGA_BUDGET_MS,
    leaseMs: e.SAGA_LEASE_MS,
    recoveryIntervalMs: e.RECOVERY_INTERVAL_MS,
    recoveryBatch: e.RECOVERY_BATCH,
    maxInFlight: e.SAGA_MAX_IN_FLIGHT,
    maxQueued: e.SAGA_MAX_QUEUED,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    httpMaxSockets: e.HTTP_MAX_SOCKETS,
    auth: authConfig(e),
    instanceId: e.INSTANCE_ID,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    tracing: tracingConfig(env),
  });
}
