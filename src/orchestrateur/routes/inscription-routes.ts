import { type ErrorRequestHandler, type Request, type Response, Router } from 'express';
import Joi from 'joi';
import type { AuthGuards } from '../../lib/auth.js';
import { AppError } from '../../lib/errors.js';
import { text } from '../../lib/schemas.js';
import { validate } from '../../lib/validation.js';
import type { InscriptionQueries } from '../application/inscription-queries.js';
import type { ActionAnswer } from '../application/operator-actions.js';
import { operatorOf } from './operator.js';
import {
  type InscriptionActions,
  type InscriptionAnswer,
  InscriptionRefused,
  type InscriptionRequest,
  type Inscriptions,
} from '../application/inscriptions.js';
import type { Inscription, InscriptionFilter } from '../inscription/inscription.js';
import { ETATS_INSCRIPTION } from '../inscription/transitions.js';
import { annulerBody, idempotencyKey, reprendreBody, requireJson } from './schemas.js';

// No pattern message echoes the password: joi would put the value in its message.
const inscriptionBody = Joi.object<InscriptionRequest>({
  nom: text(200).required(),
  email: Joi.string().trim().lowercase().email({ tlds: false }).max(320).required(),
  username: Joi.string()
    .trim()
    .lowercase()
    .pattern(/^[a-z0-9._-]{3,32}$/)
    .required()
    .messages({
      'string.pattern.base': 'username must be 3-32 letters, digits, dots, dashes or underscores',
    }),
  password: Joi.string().min(1).max(128).required(),
})
  .required()
  .messages({ 'any.required': 'a JSON object body is required' });

const listQuery = Joi.object<InscriptionFilter>({
  etat: Joi.string().valid(...ETATS_INSCRIPTION),
  limit: Joi.number().integer().min(1).max(200).default(50),
});

const inscriptionId = Joi.string()
  .guid({ version: ['uuidv4', 'uuidv7'] })
  .required()
  .messages({ 'string.guid': 'inscription id must be a UUID' });

/** A sign-up as the API shows it (the password is never anywhere to show). */
export function toInscriptionView(i: Inscription, withHistory = true) {
  return {
    id: i.id,
    etat: i.etat,
    definition: i.definition,
    username: i.data.username,
    email: i.data.email,
    nom: i.data.nom,
    client_id: i.data.client_id,
    echec: i.echec,
    suspension: i.suspension,
    created_at: i.created_at,
    updated_at: i.updated_at,
    ...(withHistory && { historique: i.historique, actions_operateur: i.actions ?? [] }),
  };
}

function answer(res: Response, a: InscriptionAnswer): void {
  res.location(`/api/inscriptions/${a.inscription.id}`);
  if (a.status === 202) res.setHeader('Retry-After', '1');
  if (a.replayed) res.setHeader('Idempotent-Replayed', 'true');
  res.status(a.status).json({ inscription: toInscriptionView(a.inscription) });
}

const retryAfter: ErrorRequestHandler = (err, _req, res, next) => {
  if (err instanceof InscriptionRefused && err.retryAfterS !== undefined) {
    res.setHeader('Retry-After', String(err.retryAfterS));
  }
  next(err);
};

export interface InscriptionUseCases {
  /** Absent: this instance takes no sign-up (no AUTH_URL), nor acts on one. */
  inscriptions: Inscriptions | undefined;
  actions: InscriptionActions | undefined;
  queries: InscriptionQueries;
}

const unavailable = (): AppError =>
  new AppError('INSCRIPTION_INDISPONIBLE', 'Sign-up is not offered here (AUTH_URL)', 503);

function answerAction(res: Response, a: ActionAnswer<Inscription>): void {
  if (a.status === 202) {
    res.location(`/api/inscriptions/${a.saga.id}`).setHeader('Retry-After', '1');
  }
  res.status(a.status).json({ inscription: toInscriptionView(a.saga) });
}

/**
 * Sign-up is open to anyone (the gateway rate-limits it, the auth service throttles it by
 * address); reading sign-ups is for operators.
 */
export function inscriptionRoutes(
  { inscriptions, actions, queries }: InscriptionUseCases,
  guards: AuthGuards,
  addressOf: (req: Request) => string,
): Router {
  const router = Router();
  router.post('/api/inscriptions', requireJson, async (req, res) => {
    const body = validate(inscriptionBody, req.body, 'body');
    const key = validate(idempotencyKey, req.get('idempotency-key'), 'Idempotency-Key');
    if (!inscriptions) throw unavailable();
    answer(res, await inscriptions.inscrire(body, addressOf(req), key));
  });
  router.use('/api/inscriptions', retryAfter);

  const operateur = guards.requireRole('operateur');
  router.get('/api/inscriptions', operateur, async (req, res) => {
    const found = await queries.list(validate(listQuery, req.query, 'query'));
    res.json({ inscriptions: found.map((i) => toInscriptionView(i, false)) });
  });
  router.get('/api/inscriptions/:id', operateur, async (req, res) => {
    const id = validate(inscriptionId, req.params.id, 'inscription id');
    res.json({ inscription: toInscriptionView(await queries.get(id)) });
  });
  router.post('/api/inscriptions/:id/reprendre', operateur, async (req, res) => {
    const id = validate(inscriptionId, req.params.id, 'inscription id');
    const { motif } = validate(reprendreBody, req.body ?? {}, 'body');
    if (!actions) throw unavailable();
    answerAction(res, await actions.reprendre(id, operatorOf(res, motif)));
  });
  router.post('/api/inscriptions/:id/annuler', operateur, requireJson, async (req, res) => {
    const id = validate(inscriptionId, req.params.id, 'inscription id');
    const { motif } = validate(annulerBody, req.body, 'body');
    if (!actions) throw unavailable();
    answerAction(res, await actions.annuler(id, operatorOf(res, motif)));
  });
  return router;
}
