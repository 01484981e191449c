import type Joi from 'joi';
import { badRequest } from './errors.js';

/** Validates input from outside (body, params, query) or throws a 400 naming what is wrong. */
export function validate<T>(schema: Joi.Schema<T>, input: unknown, what: string): T {
  const { value, error } = schema.validate(input, { abortEarly: false, convert: true });
  if (error) {
    const message = error.details.map((d) => d.message.replace(/"/g, "'")).join('; ');
    throw badRequest(`Invalid ${what}: ${message}`);
  }
  return value;
}
