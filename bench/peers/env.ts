import Joi from 'joi';
import {
  participantServices,
  type ParticipantService,
  urlVar,
} from '../../src/lib/participant-calls.js';
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
  ...Object.fromEntries(participantServices().map((s) => [urlVar(s), url])),
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
    urls: Object.fromEntries(participantServices().map((s) => [s, String(e[urlVar(s)])])) as Record<
      ParticipantService,
      string
    >,
    timeoutMs: Number(e.SAGA_STEP_TIMEOUT_MS),
    maxSockets: Number(e.HTTP_MAX_SOCKETS),
    systemDatabaseUrl:
      e.DBOS_SYSTEM_DATABASE_URL === undefined ? undefined : String(e.DBOS_SYSTEM_DATABASE_URL),
  });
}
