import type { Router } from 'express';
import Joi from 'joi';
import { resourceRoutes } from '../../lib/resource-routes.js';
import { commandeId, entityId, lignes, pageKeys } from '../../lib/schemas.js';
import { validate } from '../../lib/validation.js';
import type { EnregistrerCommand, Registre } from './registre.js';
import type { VenteFilter } from './ventes-repo.js';

const commandeParams = Joi.object<{ commande_id: string }>({
  commande_id: commandeId().required(),
});
const listQuery = Joi.object<VenteFilter>({
  magasin_id: entityId(),
  client_id: entityId(),
  ...pageKeys(50),
});
const venteBody = Joi.object<EnregistrerCommand>({
  commande_id: commandeId().required(),
  client_id: entityId().required(),
  magasin_id: entityId().required(),
  lignes: lignes({
    more: { prix_unitaire_cents: Joi.number().integer().min(0).max(100_000_000).required() },
  })
    .min(1)
    .unique('produit_id')
    .required(),
  total_cents: Joi.number().integer().min(0).max(Number.MAX_SAFE_INTEGER).required(),
}).required();

export function ventesRoutes(registre: Registre): Router {
  const router = resourceRoutes('/api/ventes', { plural: 'ventes', query: listQuery }, registre);

  // Created by the saga: 201 the first time, 200 with the same vente on a repeat.
  router.post('/api/ventes', async (req, res) => {
    const { status, body } = await registre.enregistrer(validate(venteBody, req.body, 'body'));
    res.status(status).location(`/api/ventes/${body.id}`).json(body);
  });

  router.get('/api/ventes/commande/:commande_id', async (req, res) => {
    const { commande_id } = validate(commandeParams, req.params, 'path');
    res.json(await registre.getByCommande(commande_id));
  });

  return router;
}
