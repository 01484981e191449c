import type { RequestHandler } from 'express';
import Joi from 'joi';
import { AppError } from '../../lib/errors.js';
import type { CheckoutRequest } from '../application/checkout.js';
import type { CommandeFilter } from '../checkout/commande.js';
import { ETATS_COMMANDE } from '../checkout/transitions.js';

const positiveId = Joi.number().integer().positive().max(2_147_483_647).strict();

/** `client_id` is the token's (routes/commande-routes.ts); the body may repeat it. */
export const checkoutBody = Joi.object<Partial<CheckoutRequest> & { magasin_id: number }>({
  client_id: positiveId,
  magasin_id: positiveId.required(),
})
  .required()
  .messages({ 'any.required': 'a JSON object body is required' });

/** Printable ASCII, as in the IETF Idempotency-Key draft; bounded so it fits the index. */
export const idempotencyKey = Joi.string()
  .pattern(/^[\x21-\x7E]{1,255}$/)
  .messages({ 'string.pattern.base': 'Idempotency-Key must be 1-255 printable ASCII characters' });

export const commandeId = Joi.string()
  .guid({ version: ['uuidv4', 'uuidv7'] })
  .required()
  .messages({
    'string.guid': 'commande id must be a UUID',
  });

const queryId = Joi.number().integer().positive().max(2_147_483_647);

export const listQuery = Joi.object<CommandeFilter>({
  etat: Joi.string().valid(...ETATS_COMMANDE),
  client_id: queryId,
  magasin_id: queryId,
  limit: Joi.number().integer().min(1).max(200).default(50),
});

/** Why an operator acts: recorded with the action. Required to cancel. */
const motif = Joi.string().trim().min(3).max(500);

export const reprendreBody = Joi.object<{ motif?: string }>({ motif }).default({});

export const annulerBody = Joi.object<{ motif: string }>({ motif: motif.required() })
  .required()
  .messages({ 'any.required': 'a JSON object body with a motif is required' });

/** A body is JSON or nothing is done (415). */
export const requireJson: RequestHandler = (req, _res, next) => {
  if (!req.is('application/json')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json', 415);
  }
  next();
};
