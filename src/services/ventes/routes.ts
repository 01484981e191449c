import { Router } from 'express';
import Joi from 'joi';
import { validate } from '../../lib/validation.js';
import type { EnregistrerCommand, Registre } from './registre.js';

const id = Joi.number().integer().positive().max(2147483647);
const commandeId = Joi.string().guid({ version: ['uuidv1', 'uuidv4', 'uuidv5', 'uuidv7'] });
const cents = Joi.number().integer().min(0).max(100_000_000);

const idParams = Joi.object<{ id: number }>({ id: id.required() });
const commandeParams = Joi.object<{ commande_id: string }>({ commande_id: commandeId.required() });
const listQuery = Joi.object<{
  magasin_id?: number;
  client_id?: number;
  limit: number;
  offset: number;
}>({
  magasin_id: id,
  client_id: id,
  limit: Joi.number().integer().min(1).max(500).default(50),
  offset: Joi.number().integer().min(0).default(0),
});
const venteBody = Joi.object<EnregistrerCommand>({
  commande_id: commandeId.required(),
  client_id: id.required(),
  magasin_id: id.required(),
  lignes: Joi.array()
    .items(
      Joi.object({
        produit_id: id.required(),
        quantite: Joi.number().integer().positive().max(1_000_000).required(),
        prix_unitaire_cents: cents.required(),
      }),
    )
    .min(1)
    .max(200)
    .unique('produit_id')
    .required(),
  total_cents: Joi.number().integer().min(0).max(Number.MAX_SAFE_INTEGER).required(),
}).required();

export function ventesRoutes(registre: Registre): Router {
  const router = Router();

  router.post('/api/ventes', async (req, res) => {
    const { status, body } = await registre.enregistrer(validate(venteBody, req.body, 'body'));
    res.status(status).location(`/api/ventes/${body.id}`).json(body);
  });

  router.get('/api/ventes', async (req, res) => {
    const q = validate(listQuery, req.query, 'query');
    const ventes = await registre.list({
      magasinId: q.magasin_id,
      clientId: q.client_id,
      limit: q.limit,
      offset: q.offset,
    });
    res.json({ ventes });
  });

  router.get('/api/ventes/commande/:commande_id', async (req, res) => {
    const { commande_id } = validate(commandeParams, req.params, 'path');
    res.json(await registre.getByCommande(commande_id));
  });

  router.get('/api/ventes/:id', async (req, res) => {
    const p = validate(idParams, req.params, 'path');
    res.json(await registre.get(p.id));
  });

  return router;
}
