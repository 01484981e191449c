import Joi from 'joi';
import { DEMO_SERVICES, type DemoService } from '../../seeds/demo-seed.js';
import { databaseUrl, logFormat, logLevel, parseEnv } from '../lib/config.js';
import type { LogFormat, LogLevel } from '../lib/logger.js';

export interface SeedConfig {
  /**
   * DEMO_DATA: the command's purpose, so on unless set to false; docker-compose.yml passes
   * DEMO_DATA, false unless the deployment sets it, and then the job loads nothing.
   */
  demoData: boolean;
  /** One database per service that holds demo data, e.g. PRODUITS_DATABASE_URL. */
  databaseUrls: Readonly<Record<DemoService, string>>;
  logLevel: LogLevel;
  logFormat: LogFormat;
}

export const seedUrlVar = (service: DemoService): string => `${service.toUpperCase()}_DATABASE_URL`;

/** The only place `main seed` reads its environment: every URL is required unless DEMO_DATA=false. */
export function loadSeedConfig(env: NodeJS.ProcessEnv = process.env): Readonly<SeedConfig> {
  const e = parseEnv(
    Joi.object<Record<string, string> & { DEMO_DATA: boolean }>({
      DEMO_DATA: Joi.boolean().default(true),
      ...Object.fromEntries(
        DEMO_SERVICES.map((s) => [
          seedUrlVar(s),
          databaseUrl().when('DEMO_DATA', { is: true, then: Joi.required() }),
        ]),
      ),
      LOG_LEVEL: logLevel,
      LOG_FORMAT: logFormat(env),
    }),
    env,
  );
  const databaseUrls = Object.fromEntries(
    DEMO_SERVICES.map((s) => [s, e[seedUrlVar(s)] ?? '']),
  ) as Record<DemoService, string>;
  return Object.freeze({
    demoData: e.DEMO_DATA,
    databaseUrls: Object.freeze(databaseUrls),
    logLevel: e.LOG_LEVEL as LogLevel,
    logFormat: e.LOG_FORMAT as LogFormat,
  });
}
