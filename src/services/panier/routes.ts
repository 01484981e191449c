import { Router } from 'express';
import Joi from 'joi';
import { validate } from '../../lib/validation.js';
import type { LigneARetirer } from './panier-repo.js';
import type { Paniers } from './paniers.js';

const id = Joi.number().integer().positive().max(2147483647);
const quantite = Joi.number().integer().positive().max(10_000);
const commandeId = Joi.string().guid({ version: ['uuidv1', 'uuidv4', 'uuidv5', 'uuidv7'] });

const clientParams = Joi.object<{ client_id: number }>({ client_id: id.required() });
const ligneParams = Joi.object<{ client_id: number; produit_id: number }>({
  client_id: id.required(),
  produit_id: id.required(),
});
const addBody = Joi.object<{ produit_id: number; quantite: number }>({
  produit_id: id.required(),
  quantite: quantite.default(1),
}).required();
const changeBody = Joi.object<{ quantite: number }>({ quantite: quantite.required() }).required();
const viderBody = Joi.object<{ commande_id: string; lignes: LigneARetirer[] }>({
  commande_id: commandeId.required(),
  // The orchestrator sends the lignes it read, prices included: extra keys are ignored.
  lignes: Joi.array()
    .items(
      Joi.object({
        produit_id: id.required(),
        quantite: Joi.number().integer().positive().max(1_000_000).required(),
      }).unknown(true),
    )
    .max(200)
    .required(),
}).required();

export function panierRoutes(paniers: Paniers): Router {
  const router = Router();

  router.get('/api/panier/:client_id', async (req, res) => {
    const { client_id } = validate(clientParams, req.params, 'path');
    res.json(await paniers.get(client_id));
  });

  router.post('/api/panier/:client_id/lignes', async (req, res) => {
    const { client_id } = validate(clientParams, req.params, 'path');
    const b = validate(addBody, req.body, 'body');
    res.json(await paniers.ajouter(client_id, b.produit_id, b.quantite));
  });

  router.put('/api/panier/:client_id/lignes/:produit_id', async (req, res) => {
    const p = validate(ligneParams, req.params, 'path');
    const b = validate(changeBody, req.body, 'body');
    res.json(await paniers.changer(p.client_id, p.produit_id, b.quantite));
  });

  router.delete('/api/panier/:client_id/lignes/:produit_id', async (req, res) => {
    const p = validate(ligneParams, req.params, 'path');
    res.json(await paniers.retirer(p.client_id, p.produit_id));
  });

  router.post('/api/panier/:client_id/vider', async (req, res) => {
    const { client_id } = validate(clientParams, req.params, 'path');
    const b = validate(viderBody, req.body, 'body');
    const lignes = b.lignes.map((l) => ({ produit_id: l.produit_id, quantite: l.quantite }));
    res.json(await paniers.vider(client_id, b.commande_id, lignes));
  });

  return router;
}
