import { randomBytes } from 'node:crypto';
import Joi from 'joi';
import { authEnv } from '../lib/auth-config.js';
import { databaseUrl, logFormat, logLevel, parseEnv, port } from '../lib/config.js';
import type { LogFormat, LogLevel } from '../lib/logger.js';
import { participantServices, urlVar } from '../lib/participant-calls.js';

/** Every process of the system, in the order the banner lists them (offset = port - base). */
export const SYSTEM_SERVICES = [
  'orchestrateur',
  'produits',
  'magasin',
  'stock',
  'client',
  'panier',
  'ventes',
  'auth',
] as const;
export type SystemService = (typeof SYSTEM_SERVICES)[number];

export const SERVICE_PROCESSES = ['shared', 'separate'] as const;
export type ServiceProcesses = (typeof SERVICE_PROCESSES)[number];
export const DEFAULT_SERVICE_PROCESSES: ServiceProcesses = 'shared';

export interface SystemConfig {
  /** Admin connection to an existing server; absent: the embedded PostgreSQL. */
  adminDatabaseUrl: string | undefined;
  embeddedPgPort: number;
  embeddedPgDir: string;
  /** Prepended to every database name (lets tests share a server). */
  dbPrefix: string;
  /** Address the children listen on (127.0.0.1 unless HOST says otherwise); they call each other on 127.0.0.1. */
  host: string;
  ports: Readonly<Record<SystemService, number>>;
  /** Where the web front and the gateway's routes are served (WEB_PORT); null: not at all (WEB=false). */
  webPort: number | null;
  services: readonly SystemService[];
  /**
   * shared: the orchestrator in a process of its own, every other service in one process
   * (each on its own port, with its own database and pool); separate: one process each.
   */
  serviceProcesses: ServiceProcesses;
  seed: boolean;
  readyTimeoutMs: number;
  /** false: every child runs without identity checks (AUTH_REQUIRED=false). */
  authRequired: boolean;
  /** The secret of the saga's calls (SERVICE_TOKEN), given to every child; random unless set. */
  serviceToken: string;
  logLevel: LogLevel;
  logFormat: LogFormat;
  /** What the children inherit (PATH, NODE_OPTIONS, tuning variables...). */
  inheritedEnv: Readonly<NodeJS.ProcessEnv>;
}

interface Env {
  DATABASE_URL?: string;
  EMBEDDED_PG_PORT: number;
  EMBEDDED_PG_DIR: string;
  DB_PREFIX: string;
  HOST: string;
  BASE_PORT: number;
  WEB: boolean;
  WEB_PORT?: number;
  SERVICES: string;
  SERVICE_PROCESSES: ServiceProcesses;
  SEED: boolean;
  READY_TIMEOUT_MS: number;
  AUTH_REQUIRED: boolean;
  SERVICE_TOKEN?: string;
  LOG_LEVEL: LogLevel;
  LOG_FORMAT: LogFormat;
  [portVar: string]: unknown;
}

const portVar = (s: SystemService): string => `${s.toUpperCase()}_PORT`;

/** The web front's port as an offset from BASE_PORT, past the services'. */
const WEB_OFFSET = 9;

/** Not passed down: each child gets its own value, set by the supervisor. */
const perChild = (): string[] => [
  'PORT',
  'SERVICE_GROUP',
  'DATABASE_URL',
  ...participantServices().map(urlVar),
  'AUTH_URL',
  'AUTH_JWKS_URL',
];

const serviceProcesses = Joi.string()
  .valid(...SERVICE_PROCESSES)
  .default(DEFAULT_SERVICE_PROCESSES);

/** The only place `npm start` / `npm run migrate` read their environment. */
export function loadSystemConfig(env: NodeJS.ProcessEnv = process.env): Readonly<SystemConfig> {
  const perService = Object.fromEntries(
    SYSTEM_SERVICES.map((s) => [portVar(s), Joi.number().integer().min(1).max(65535)]),
  );
  const e = parseEnv(
    Joi.object<Env>({
      DATABASE_URL: databaseUrl(),
      EMBEDDED_PG_PORT: port(54329),
      EMBEDDED_PG_DIR: Joi.string().default('.data/postgres'),
      DB_PREFIX: Joi.string()
        .pattern(/^[a-z][a-z0-9_]{0,30}$/)
        .allow('')
        .default(''),
      HOST: Joi.string().default('127.0.0.1'),
      BASE_PORT: port(8000)
        .min(1)
        .max(65535 - WEB_OFFSET),
      WEB: Joi.boolean().default(false),
      WEB_PORT: Joi.number().integer().min(0).max(65535),
      SERVICES: Joi.string()
        .pattern(new RegExp(`^(${SYSTEM_SERVICES.join('|')})(,(${SYSTEM_SERVICES.join('|')}))*$`))
        .default(SYSTEM_SERVICES.join(',')),
      SERVICE_PROCESSES: serviceProcesses,
      SEED: Joi.boolean().default(true),
      READY_TIMEOUT_MS: Joi.number().integer().min(1000).default(60_000),
      AUTH_REQUIRED: authEnv().AUTH_REQUIRED,
      SERVICE_TOKEN: authEnv({ local: true }).SERVICE_TOKEN,
      LOG_LEVEL: logLevel,
      LOG_FORMAT: logFormat(env),
      ...perService,
    }),
    env,
  );
  const ports = Object.fromEntries(
    SYSTEM_SERVICES.map((s, i) => [s, (e[portVar(s)] as number | undefined) ?? e.BASE_PORT + i]),
  ) as Record<SystemService, number>;
  const wanted = new Set(e.SERVICES.split(','));
  const inheritedEnv = Object.fromEntries(
    Object.entries(env).filter(([k]) => !perChild().includes(k) && !k.endsWith('_PORT')),
  );
  return Object.freeze({
    adminDatabaseUrl: e.DATABASE_URL,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    embeddedPgDir: e.EMBEDDED_PG_DIR,
    dbPrefix: e.DB_PREFIX,
    host: e.HOST,
    ports: Object.freeze(ports),
    webPort: e.WEB ? (e.WEB_PORT ?? e.BASE_PORT + WEB_OFFSET) : null,
    services: SYSTEM_SERVICES.filter((s) => wanted.has(s)),
    serviceProcesses: e.SERVICE_PROCESSES,
    seed: e.SEED,
    readyTimeoutMs: e.READY_TIMEOUT_MS,
    authRequired: e.AUTH_REQUIRED,
    serviceToken: e.SERVICE_TOKEN ?? randomBytes(32).toString('hex'),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    inheritedEnv: Object.freeze(inheritedEnv),
  });
}
