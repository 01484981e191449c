import { Router } from 'express';
import Joi from 'joi';
import { validate } from '../../lib/validation.js';
import type { ReserverCommand, Reservations } from './reservations.js';
import type { StockLevels } from './stock-levels.js';

const id = Joi.number().integer().positive().max(2147483647);
const commandeId = Joi.string().guid({ version: ['uuidv1', 'uuidv4', 'uuidv5', 'uuidv7'] });
const quantite = Joi.number().integer().positive().max(1_000_000);

const magasinParams = Joi.object<{ magasin_id: number }>({ magasin_id: id.required() });
const ligneParams = Joi.object<{ magasin_id: number; produit_id: number }>({
  magasin_id: id.required(),
  produit_id: id.required(),
});
const commandeParams = Joi.object<{ commande_id: string }>({ commande_id: commandeId.required() });

const setBody = Joi.object<{ quantite: number }>({
  quantite: Joi.number().integer().min(0).max(10_000_000).required(),
}).required();
const adjustBody = Joi.object<{ delta: number }>({
  delta: Joi.number().integer().min(-10_000_000).max(10_000_000).invalid(0).required(),
}).required();
const surstockQuery = Joi.object<{ seuil?: number }>({ seuil: Joi.number().integer().min(0) });

const reserverBody = Joi.object<ReserverCommand>({
  commande_id: commandeId.required(),
  magasin_id: id.required(),
  lignes: Joi.array()
    .items(Joi.object({ produit_id: id.required(), quantite: quantite.required() }).unknown(true))
    .min(1)
    .max(200)
    .required(),
}).required();
const libererBody = Joi.object<{ commande_id: string }>({
  commande_id: commandeId.required(),
}).required();

export function stockRoutes(levels: StockLevels, reservations: Reservations): Router {
  const router = Router();

  router.post('/api/stock/reserver', async (req, res) => {
    const cmd = validate(reserverBody, req.body, 'body');
    const lignes = cmd.lignes.map((l) => ({ produit_id: l.produit_id, quantite: l.quantite }));
    const { status, body } = await reservations.reserver({ ...cmd, lignes });
    res.status(status).json(body);
  });

  router.post('/api/stock/liberer', async (req, res) => {
    const { commande_id } = validate(libererBody, req.body, 'body');
    res.json(await reservations.liberer(commande_id));
  });

  router.get('/api/stock/reservations/:commande_id', async (req, res) => {
    const { commande_id } = validate(commandeParams, req.params, 'path');
    res.json(await reservations.get(commande_id));
  });

  router.get('/api/stock/magasins/:magasin_id', async (req, res) => {
    const { magasin_id } = validate(magasinParams, req.params, 'path');
    res.json({ magasin_id, stock: await levels.list(magasin_id) });
  });

  router.get('/api/stock/magasins/:magasin_id/ruptures', async (req, res) => {
    const { magasin_id } = validate(magasinParams, req.params, 'path');
    res.json({ magasin_id, ruptures: await levels.ruptures(magasin_id) });
  });

  router.get('/api/stock/magasins/:magasin_id/surstock', async (req, res) => {
    const { magasin_id } = validate(magasinParams, req.params, 'path');
    const { seuil } = validate(surstockQuery, req.query, 'query');
    const surstock = await levels.surstock(magasin_id, seuil);
    res.json({ magasin_id, seuil: seuil ?? levels.defaultSeuil, surstock });
  });

  router.get('/api/stock/magasins/:magasin_id/produits/:produit_id', async (req, res) => {
    const p = validate(ligneParams, req.params, 'path');
    res.json(await levels.get(p.magasin_id, p.produit_id));
  });

  router.put('/api/stock/magasins/:magasin_id/produits/:produit_id', async (req, res) => {
    const p = validate(ligneParams, req.params, 'path');
    const { quantite } = validate(setBody, req.body, 'body');
    res.json(await levels.set(p.magasin_id, p.produit_id, quantite));
  });

  router.post('/api/stock/magasins/:magasin_id/produits/:produit_id/ajuster', async (req, res) => {
    const p = validate(ligneParams, req.params, 'path');
    const { delta } = validate(adjustBody, req.body, 'body');
    res.json(await levels.adjust(p.magasin_id, p.produit_id, delta));
  });

  return router;
}
