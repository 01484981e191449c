import { type RequestHandler, Router } from 'express';
import Joi from 'joi';
import type { AuthGuards } from '../../lib/auth.js';
import { resourceRoutes } from '../../lib/resource-routes.js';
import { inscriptionId, inscriptionInPath } from '../../lib/inscription-params.js';
import { commandeId, idParams, pageQuery, text } from '../../lib/schemas.js';
import { validate } from '../../lib/validation.js';
import { MAX_SOLDE_CENTS, type NewClient } from './clients-repo.js';
import type { Comptes } from './comptes.js';
import type { InscriptionsClient, NewInscriptionClient } from './inscriptions.js';
import type { Paiements } from './paiements.js';

const cents = Joi.number().integer().min(0).max(MAX_SOLDE_CENTS);

const nom = () => text(200).required();
const email = () => Joi.string().trim().lowercase().email({ tlds: false }).max(320).required();
const createBody = Joi.object<NewClient>({
  nom: nom(),
  email: email(),
  solde_cents: cents.default(0),
}).required();
const inscriptionBody = Joi.object<NewInscriptionClient>({
  inscription_id: inscriptionId(),
  nom: nom(),
  email: email(),
}).required();
const annulationBody = Joi.object<{ inscription_id: string }>({
  inscription_id: inscriptionId(),
}).required();
const creditBody = Joi.object<{ montant_cents: number }>({
  montant_cents: cents.min(1).required(),
}).required();
const payerBody = Joi.object<{ commande_id: string; montant_cents: number }>({
  commande_id: commandeId().required(),
  montant_cents: cents.required(),
}).required();
const rembourserBody = Joi.object<{ commande_id: string }>({
  commande_id: commandeId().required(),
}).required();

/**
 * The sign-up saga's calls (service token). Mounted before the `/api/clients/:id` routes, so
 * that `inscriptions` is never read as a client id.
 */
function inscriptionRoutes(inscriptions: InscriptionsClient, service: RequestHandler): Router {
  const router = Router();
  router.post('/api/clients/inscriptions', service, async (req, res) => {
    const { status, body } = await inscriptions.creer(validate(inscriptionBody, req.body, 'body'));
    res.status(status).json(body);
  });
  router.post('/api/clients/inscriptions/:inscription_id/annuler', service, async (req, res) => {
    const id = inscriptionInPath(req.params, validate(annulationBody, req.body, 'body'));
    res.json(await inscriptions.annuler(id));
  });
  return router;
}

/**
 * A client reads its own account and payments; an operator manages every account; payments
 * and refunds are the saga's (service token), and so are the records of sign-ups. panier
 * asks whether a client exists (service).
 */
export function clientRoutes(
  comptes: Comptes,
  paiements: Paiements,
  inscriptions: InscriptionsClient,
  guards: AuthGuards,
): Router {
  const schemas = { plural: 'clients', query: pageQuery(), body: createBody };
  const operateur = guards.requireRole('operateur');
  const service = guards.requireRole('service');
  const router = Router().use(inscriptionRoutes(inscriptions, service));
  router.use(
    resourceRoutes('/api/clients', schemas, comptes, {
      list: operateur,
      get: guards.requireSelfOrRole('id', 'operateur', 'service'),
      create: operateur,
    }),
  );

  router.post('/api/clients/:id/crediter', operateur, async (req, res) => {
    const { id } = validate(idParams(), req.params, 'path');
    const { montant_cents } = validate(creditBody, req.body, 'body');
    res.json(await comptes.crediter(id, montant_cents));
  });

  router.get(
    '/api/clients/:id/paiements',
    guards.requireSelfOrRole('id', 'operateur'),
    async (req, res) => {
      const { id } = validate(idParams(), req.params, 'path');
      const page = validate(pageQuery(), req.query, 'query');
      res.json({ client_id: id, paiements: await paiements.list(id, page) });
    },
  );

  router.post('/api/clients/:id/payer', service, async (req, res) => {
    const { id } = validate(idParams(), req.params, 'path');
    const b = validate(payerBody, req.body, 'body');
    const { status, body } = await paiements.payer(id, b.commande_id, b.montant_cents);
    res.status(status).json(body);
  });

  router.post('/api/clients/:id/rembourser', service, async (req, res) => {
    const { id } = validate(idParams(), req.params, 'path');
    const b = validate(rembourserBody, req.body, 'body');
    res.json(await paiements.rembourser(id, b.commande_id));
  });

  return router;
}
