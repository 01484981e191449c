import Joi from 'joi';
import type { ParticipantUrls } from './contract.js';

/** What every process of the comparison (floor, DBOS app, Restate endpoint) is given. */
export interface PeerEnv {
  port: number;
  urls: ParticipantUrls;
  /** The orchestrator's SAGA_STEP_TIMEOUT_MS and HTTP_MAX_SOCKETS defaults. */
  timeoutMs: number;
  maxSockets: number;
  /** DBOS only: its system database. */
  systemDatabaseUrl: string | undefined;
}

const url = Joi.string()
  .uri({ scheme: ['http', 'https'] })
  .required();
const schema = Joi.object({
  PORT: Joi.number().integer().min(0).max(65535).default(0),
  PANIER_URL: url,
  STOCK_URL: url,
  CLIENT_URL: url,
  VENTES_URL: url,
  SAGA_STEP_TIMEOUT_MS: Joi.number().integer().min(1).default(2000),
  HTTP_MAX_SOCKETS: Joi.number().integer().min(1).default(128),
  DBOS_SYSTEM_DATABASE_URL: Joi.string().uri({ scheme: ['postgres', 'postgresql'] }),
}).unknown(true);

export function peerEnv(env: NodeJS.ProcessEnv): PeerEnv {
  const { value, error } = schema.validate(env, { convert: true });
  if (error) throw new Error(`Bad environment: ${error.message}`);
  const e = value as Record<string, string | number | undefined>;
  return Object.freeze({
    port: Number(e.PORT),
    urls: {
      panier: String(e.PANIER_URL),
      stock: String(e.STOCK_URL),
      client: String(e.CLIENT_URL),
      ventes: String(e.VENTES_URL),
    },
    timeoutMs: Number(e.SAGA_STEP_TIMEOUT_MS),
    maxSockets: Number(e.HTTP_MAX_SOCKETS),
    systemDatabaseUrl:
      e.DBOS_SYSTEM_DATABASE_URL === undefined ? undefined : String(e.DBOS_SYSTEM_DATABASE_URL),
  });
}
