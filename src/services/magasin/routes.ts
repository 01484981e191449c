import { Router } from 'express';
import Joi from 'joi';
import { validate } from '../../lib/validation.js';
import type { Magasins } from './magasins.js';
import type { NewMagasin } from './magasins-repo.js';

const idParams = Joi.object<{ id: number }>({
  id: Joi.number().integer().positive().max(2147483647).required(),
});

const listQuery = Joi.object<{ limit: number; offset: number }>({
  limit: Joi.number().integer().min(1).max(500).default(100),
  offset: Joi.number().integer().min(0).default(0),
});

const createBody = Joi.object<NewMagasin>({
  nom: Joi.string().trim().min(1).max(200).required(),
  ville: Joi.string().trim().min(1).max(100).required(),
}).required();

export function magasinRoutes(magasins: Magasins): Router {
  const router = Router();

  router.get('/api/magasins', async (req, res) => {
    const page = validate(listQuery, req.query, 'query');
    res.json({ magasins: await magasins.list(page) });
  });

  router.get('/api/magasins/:id', async (req, res) => {
    const { id } = validate(idParams, req.params, 'path');
    res.json(await magasins.get(id));
  });

  router.post('/api/magasins', async (req, res) => {
    const body = validate(createBody, req.body, 'body');
    const magasin = await magasins.create(body);
    res.status(201).location(`/api/magasins/${magasin.id}`).json(magasin);
  });

  return router;
}
