import Joi from 'joi';
import type { LogFormat, LogLevel } from './logger.js';

/** Reads env through a joi schema; a bad value stops the process with a clear message. */
export function parseEnv<T>(schema: Joi.ObjectSchema<T>, env: NodeJS.ProcessEnv): Readonly<T> {
  const { value, error } = schema.validate(env, {
    abortEarly: false,
    allowUnknown: true,
    stripUnknown: true,
    convert: true,
  });
  if (error) {
    const lines = error.details.map((d) => `  - ${d.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  return Object.freeze(value);
}

export const logLevel = Joi.string()
  .valid('error', 'warn', 'info', 'debug', 'silent')
  .default('info') as Joi.StringSchema<LogLevel>;

export const logFormat = (env: NodeJS.ProcessEnv): Joi.StringSchema<LogFormat> =>
  Joi.string()
    .valid('json', 'pretty')
    .default(env.NODE_ENV === 'production' ? 'json' : 'pretty') as Joi.StringSchema<LogFormat>;

export const port = (fallback: number): Joi.NumberSchema =>
  Joi.number().integer().min(0).max(65535).default(fallback);

export const httpUrl = (): Joi.StringSchema =>
  Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .replace(/\/+$/, '');

export const databaseUrl = (): Joi.StringSchema =>
  Joi.string().uri({ scheme: ['postgres', 'postgresql'] });
