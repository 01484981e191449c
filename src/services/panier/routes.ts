import { Router } from 'express';
import Joi from 'joi';
import type { AuthGuards } from '../../lib/auth.js';
import type { LigneQuantite } from '../../lib/lignes.js';
import { commandeId, entityId, lignes } from '../../lib/schemas.js';
import { validate } from '../../lib/validation.js';
import { MAX_QUANTITE_LIGNE, type Paniers } from './paniers.js';

const quantite = Joi.number().integer().positive().max(MAX_QUANTITE_LIGNE);

const clientParams = Joi.object<{ client_id: number }>({ client_id: entityId().required() });
const ligneParams = Joi.object<{ client_id: number; produit_id: number }>({
  client_id: entityId().required(),
  produit_id: entityId().required(),
});
const addBody = Joi.object<{ produit_id: number; quantite: number }>({
  produit_id: entityId().required(),
  quantite: quantite.default(1),
}).required();
const changeBody = Joi.object<{ quantite: number }>({ quantite: quantite.required() }).required();
const viderBody = Joi.object<{ commande_id: string; lignes: LigneQuantite[] }>({
  commande_id: commandeId().required(),
  lignes: lignes({ strip: true }).required(),
}).required();

/**
 * A cart is its client's: only that client changes it; an operator and the saga (service
 * token) read it too; only the saga empties it after a checkout.
 */
export function panierRoutes(paniers: Paniers, guards: AuthGuards): Router {
  const router = Router();
  const owner = guards.requireSelfOrRole('client_id');

  router.get(
    '/api/panier/:client_id',
    guards.requireSelfOrRole('client_id', 'operateur', 'service'),
    async (req, res) => {
      const { client_id } = validate(clientParams, req.params, 'path');
      res.json(await paniers.get(client_id));
    },
  );

  router.post('/api/panier/:client_id/lignes', owner, async (req, res) => {
    const { client_id } = validate(clientParams, req.params, 'path');
    const b = validate(addBody, req.body, 'body');
    res.json(await paniers.ajouter(client_id, b.produit_id, b.quantite));
  });

  router.put('/api/panier/:client_id/lignes/:produit_id', owner, async (req, res) => {
    const p = validate(ligneParams, req.params, 'path');
    const b = validate(changeBody, req.body, 'body');
    res.json(await paniers.changer(p.client_id, p.produit_id, b.quantite));
  });

  router.delete('/api/panier/:client_id/lignes/:produit_id', owner, async (req, res) => {
    const p = validate(ligneParams, req.params, 'path');
    res.json(await paniers.retirer(p.client_id, p.produit_id));
  });

  router.post('/api/panier/:client_id/vider', guards.requireRole('service'), async (req, res) => {
    const { client_id } = validate(clientParams, req.params, 'path');
    const b = validate(viderBody, req.body, 'body');
    res.json(await paniers.vider(client_id, b.commande_id, b.lignes));
  });

  return router;
}
