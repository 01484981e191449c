import { type RequestHandler, Router } from 'express';
import Joi from 'joi';
import { validate } from '../../lib/validation.js';
import type { Catalogue } from './catalogue.js';
import type { NewProduit } from './produits-repo.js';

const idParams = Joi.object<{ id: number }>({
  id: Joi.number().integer().positive().max(2147483647).required(),
});

const listQuery = Joi.object<{ categorie?: string; limit: number; offset: number }>({
  categorie: Joi.string().trim().min(1).max(100),
  limit: Joi.number().integer().min(1).max(500).default(100),
  offset: Joi.number().integer().min(0).default(0),
});

const nom = Joi.string().trim().min(1).max(200);
const categorie = Joi.string().trim().min(1).max(100);
const prix = Joi.number().integer().min(0).max(100_000_000);

const createBody = Joi.object<NewProduit>({
  nom: nom.required(),
  categorie: categorie.required(),
  prix_cents: prix.required(),
}).required();

const updateBody = Joi.object<Partial<NewProduit>>({ nom, categorie, prix_cents: prix })
  .min(1)
  .required();

export function produitsRoutes(catalogue: Catalogue): Router {
  const router = Router();

  router.get('/api/produits', async (req, res) => {
    const q = validate(listQuery, req.query, 'query');
    const produits = await catalogue.list({
      categorie: q.categorie,
      limit: q.limit,
      offset: q.offset,
    });
    res.json({ produits });
  });

  router.get('/api/produits/:id', async (req, res) => {
    const { id } = validate(idParams, req.params, 'path');
    res.json(await catalogue.get(id));
  });

  router.post('/api/produits', async (req, res) => {
    const body = validate(createBody, req.body, 'body');
    const produit = await catalogue.create(body);
    res.status(201).location(`/api/produits/${produit.id}`).json(produit);
  });

  const update: RequestHandler = async (req, res) => {
    const { id } = validate(idParams, req.params, 'path');
    const changes = validate(updateBody, req.body, 'body');
    res.json(await catalogue.update(id, changes));
  };
  router.patch('/api/produits/:id', update);
  router.put('/api/produits/:id', update);

  return router;
}
