import Joi from 'joi';
import { badRequest } from './errors.js';
import { commandeId } from './schemas.js';
import { validate } from './validation.js';

/**
 * The input checks the sign-up saga's participants share (the auth and client services):
 * its id, a UUID chosen by the orchestrator like a commande's, in the body of every call and
 * in the path of those that name one inscription.
 */
export const inscriptionId = (): Joi.StringSchema => commandeId().required();

const pathParams = Joi.object<{ inscription_id: string }>({ inscription_id: inscriptionId() });

/** The id in the path, once checked to be the one the body names: 400 otherwise. */
export function inscriptionInPath(params: unknown, body: { inscription_id: string }): string {
  const { inscription_id } = validate(pathParams, params, 'path');
  if (inscription_id !== body.inscription_id) {
    throw badRequest("Invalid body: 'inscription_id' must be the one in the path");
  }
  return inscription_id;
}
