import { Router } from 'express';
import Joi from 'joi';
import { type AuthGuards, principalOf } from '../../lib/auth.js';
import {
  commandeId,
  entityId,
  lignes,
  type Page,
  pageKeys,
  pageQuery,
  text,
} from '../../lib/schemas.js';
import { validate } from '../../lib/validation.js';
import type { ReserverCommand, Reservations } from './reservations.js';
import {
  type AjusterCommand,
  type FixerCommand,
  MAX_STOCK_LEVEL,
  type StockLevels,
} from './stock-levels.js';

const magasinParams = Joi.object<{ magasin_id: number }>({ magasin_id: entityId().required() });
const ligneParams = Joi.object<{ magasin_id: number; produit_id: number }>({
  magasin_id: entityId().required(),
  produit_id: entityId().required(),
});
const commandeParams = Joi.object<{ commande_id: string }>({
  commande_id: commandeId().required(),
});

const level = Joi.number().integer().min(0).max(MAX_STOCK_LEVEL);
/** Why a level changed, as operators give a motif elsewhere: 3 to 500 characters. */
const motif = text(500).min(3);
const setBody = Joi.object<FixerCommand>({
  quantite: level.required(),
  quantite_attendue: level,
  motif,
}).required();
const adjustBody = Joi.object<AjusterCommand>({
  delta: Joi.number().integer().min(-MAX_STOCK_LEVEL).max(MAX_STOCK_LEVEL).invalid(0).required(),
  motif: motif.required(),
}).required();
const historyQuery = pageQuery(50);
const surstockQuery = Joi.object<Page & { seuil?: number }>({ seuil: level, ...pageKeys() });

const reserverBody = Joi.object<ReserverCommand>({
  commande_id: commandeId().required(),
  magasin_id: entityId().required(),
  lignes: lignes({ strip: true }).min(1).required(),
}).required();
const libererBody = Joi.object<{ commande_id: string }>({
  commande_id: commandeId().required(),
}).required();

/** The saga's reservations (service token); an operator may read one. */
function reservationRoutes(router: Router, reservations: Reservations, guards: AuthGuards): void {
  const service = guards.requireRole('service');
  router.post('/api/stock/reserver', service, async (req, res) => {
    const { status, body } = await reservations.reserver(validate(reserverBody, req.body, 'body'));
    res.status(status).json(body);
  });
  router.post('/api/stock/liberer', service, async (req, res) => {
    const { commande_id } = validate(libererBody, req.body, 'body');
    res.json(await reservations.liberer(commande_id));
  });
  router.get(
    '/api/stock/reservations/:commande_id',
    guards.requireRole('operateur'),
    async (req, res) => {
      const { commande_id } = validate(commandeParams, req.params, 'path');
      res.json(await reservations.get(commande_id));
    },
  );
}

/** A magasin's stock for the shop, and the operator's reports on it. */
function magasinRoutes(router: Router, levels: StockLevels, guards: AuthGuards): void {
  const operateur = guards.requireRole('operateur');
  router.get(
    '/api/stock/magasins/:magasin_id',
    guards.requireRole('client', 'operateur'),
    async (req, res) => {
      const { magasin_id } = validate(magasinParams, req.params, 'path');
      const page = validate(pageQuery(), req.query, 'query');
      res.json({ magasin_id, stock: await levels.list(magasin_id, page) });
    },
  );
  router.get('/api/stock/magasins/:magasin_id/ruptures', operateur, async (req, res) => {
    const { magasin_id } = validate(magasinParams, req.params, 'path');
    const page = validate(pageQuery(), req.query, 'query');
    res.json({ magasin_id, ruptures: await levels.ruptures(magasin_id, page) });
  });
  router.get('/api/stock/magasins/:magasin_id/surstock', operateur, async (req, res) => {
    const { magasin_id } = validate(magasinParams, req.params, 'path');
    const { seuil, ...page } = validate(surstockQuery, req.query, 'query');
    const surstock = await levels.surstock(magasin_id, seuil, page);
    res.json({ magasin_id, seuil: levels.seuil(seuil), surstock });
  });
  router.get('/api/stock/magasins/:magasin_id/historique', operateur, async (req, res) => {
    const { magasin_id } = validate(magasinParams, req.params, 'path');
    const page = validate(historyQuery, req.query, 'query');
    res.json({ magasin_id, historique: await levels.historique({ magasin_id }, page) });
  });
}

/**
 * One produit's line in one magasin: read by the shop, set or adjusted by an operator (with
 * the history of both).
 */
function ligneRoutes(router: Router, levels: StockLevels, guards: AuthGuards): void {
  const operateur = guards.requireRole('operateur');
  const ligne = '/api/stock/magasins/:magasin_id/produits/:produit_id';
  router.get(ligne, guards.requireRole('client', 'operateur'), async (req, res) => {
    const p = validate(ligneParams, req.params, 'path');
    res.json(await levels.get(p.magasin_id, p.produit_id));
  });
  router.put(ligne, operateur, async (req, res) => {
    const p = validate(ligneParams, req.params, 'path');
    res.json(await levels.set(p, validate(setBody, req.body, 'body'), principalOf(res)));
  });
  router.post(`${ligne}/ajuster`, operateur, async (req, res) => {
    const p = validate(ligneParams, req.params, 'path');
    res.json(await levels.adjust(p, validate(adjustBody, req.body, 'body'), principalOf(res)));
  });
  router.get(`${ligne}/historique`, operateur, async (req, res) => {
    const p = validate(ligneParams, req.params, 'path');
    const page = validate(historyQuery, req.query, 'query');
    res.json({ ...p, historique: await levels.historique(p, page) });
  });
}

/**
 * Reservations are the saga's (service token); the shop shows availability to clients;
 * levels, reports and reservations are otherwise an operator's.
 */
export function stockRoutes(
  levels: StockLevels,
  reservations: Reservations,
  guards: AuthGuards,
): Router {
  const router = Router();
  reservationRoutes(router, reservations, guards);
  magasinRoutes(router, levels, guards);
  ligneRoutes(router, levels, guards);
  return router;
}
