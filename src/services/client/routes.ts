import { Router } from 'express';
import Joi from 'joi';
import { validate } from '../../lib/validation.js';
import type { NewClient } from './clients-repo.js';
import type { Comptes } from './comptes.js';

const id = Joi.number().integer().positive().max(2147483647);
const commandeId = Joi.string().guid({ version: ['uuidv1', 'uuidv4', 'uuidv5', 'uuidv7'] });
const cents = Joi.number().integer().min(0).max(Number.MAX_SAFE_INTEGER);

const idParams = Joi.object<{ id: number }>({ id: id.required() });
const page = Joi.object<{ limit: number; offset: number }>({
  limit: Joi.number().integer().min(1).max(500).default(100),
  offset: Joi.number().integer().min(0).default(0),
});
const createBody = Joi.object<NewClient>({
  nom: Joi.string().trim().min(1).max(200).required(),
  email: Joi.string().trim().lowercase().email({ tlds: false }).max(320).required(),
  solde_cents: cents.default(0),
}).required();
const creditBody = Joi.object<{ montant_cents: number }>({
  montant_cents: cents.min(1).required(),
}).required();
const payerBody = Joi.object<{ commande_id: string; montant_cents: number }>({
  commande_id: commandeId.required(),
  montant_cents: cents.required(),
}).required();
const rembourserBody = Joi.object<{ commande_id: string }>({
  commande_id: commandeId.required(),
}).required();

export function clientRoutes(comptes: Comptes): Router {
  const router = Router();

  router.get('/api/clients', async (req, res) => {
    res.json({ clients: await comptes.list(validate(page, req.query, 'query')) });
  });

  router.post('/api/clients', async (req, res) => {
    const client = await comptes.create(validate(createBody, req.body, 'body'));
    res.status(201).location(`/api/clients/${client.id}`).json(client);
  });

  router.get('/api/clients/:id', async (req, res) => {
    const p = validate(idParams, req.params, 'path');
    res.json(await comptes.get(p.id));
  });

  router.post('/api/clients/:id/crediter', async (req, res) => {
    const p = validate(idParams, req.params, 'path');
    const { montant_cents } = validate(creditBody, req.body, 'body');
    res.json(await comptes.crediter(p.id, montant_cents));
  });

  router.get('/api/clients/:id/paiements', async (req, res) => {
    const p = validate(idParams, req.params, 'path');
    const { limit } = validate(page, req.query, 'query');
    res.json({ client_id: p.id, paiements: await comptes.paiements(p.id, limit) });
  });

  router.post('/api/clients/:id/payer', async (req, res) => {
    const p = validate(idParams, req.params, 'path');
    const b = validate(payerBody, req.body, 'body');
    const { status, body } = await comptes.payer(p.id, b.commande_id, b.montant_cents);
    res.status(status).json(body);
  });

  router.post('/api/clients/:id/rembourser', async (req, res) => {
    const p = validate(idParams, req.params, 'path');
    const b = validate(rembourserBody, req.body, 'body');
    res.json(await comptes.rembourser(p.id, b.commande_id));
  });

  return router;
}
