import { Router } from 'express';
import Joi from 'joi';
import type { AuthGuards } from '../../lib/auth.js';
import { inscriptionId, inscriptionInPath } from '../../lib/inscription-params.js';
import { entityId } from '../../lib/schemas.js';
import { validate } from '../../lib/validation.js';
import type { Inscriptions, Reservation } from './inscriptions.js';
import { retryAfterHeader } from './login-throttle.js';

// The policy itself (length included) is the domain's, answered 422 MOT_DE_PASSE_REFUSE;
// joi only bounds what it reads. No pattern on the password: joi would echo it.
const reservationBody = Joi.object<Reservation>({
  inscription_id: inscriptionId(),
  username: Joi.string()
    .trim()
    .lowercase()
    .pattern(/^[a-z0-9._-]{3,32}$/, '3 to 32 letters, digits, dots, dashes or underscores')
    .required(),
  password: Joi.string().min(1).max(1024).required(),
  adresse: Joi.string().min(1).max(64).required(),
}).required();
const annulationBody = Joi.object<{ inscription_id: string }>({
  inscription_id: inscriptionId(),
}).required();
const activationBody = Joi.object<{ inscription_id: string; client_id: number }>({
  inscription_id: inscriptionId(),
  client_id: entityId().required(),
}).required();

/** The sign-up saga's calls: the orchestrator's alone (service token). */
export function inscriptionRoutes(inscriptions: Inscriptions, guards: AuthGuards): Router {
  const router = Router();
  const service = guards.requireRole('service');

  router.post('/api/auth/inscriptions', service, async (req, res) => {
    const { status, body } = await inscriptions.reserver(
      validate(reservationBody, req.body, 'body'),
    );
    res.status(status).json(body);
  });
  router.use('/api/auth/inscriptions', retryAfterHeader);

  router.post('/api/auth/inscriptions/:inscription_id/annuler', service, async (req, res) => {
    const id = inscriptionInPath(req.params, validate(annulationBody, req.body, 'body'));
    res.json(await inscriptions.annuler(id));
  });

  router.post('/api/auth/inscriptions/:inscription_id/activer', service, async (req, res) => {
    const body = validate(activationBody, req.body, 'body');
    res.json(await inscriptions.activer(inscriptionInPath(req.params, body), body.client_id));
  });

  return router;
}
