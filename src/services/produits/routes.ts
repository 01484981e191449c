import type { RequestHandler, Router } from 'express';
import Joi from 'joi';
import { resourceRoutes } from '../../lib/resource-routes.js';
import { idParams, type Page, pageKeys, text } from '../../lib/schemas.js';
import { validate } from '../../lib/validation.js';
import type { Catalogue } from './catalogue.js';
import type { NewProduit } from './produits-repo.js';

const nom = text(200);
const categorie = text(100);
const prix = Joi.number().integer().min(0).max(100_000_000);

const listQuery = Joi.object<Page & { categorie?: string }>({ categorie, ...pageKeys() });
const createBody = Joi.object<NewProduit>({
  nom: nom.required(),
  categorie: categorie.required(),
  prix_cents: prix.required(),
}).required();
const updateBody = Joi.object<Partial<NewProduit>>({ nom, categorie, prix_cents: prix })
  .min(1)
  .required();

export function produitsRoutes(catalogue: Catalogue): Router {
  const schemas = { plural: 'produits', query: listQuery, body: createBody };
  const router = resourceRoutes('/api/produits', schemas, catalogue);
  // PATCH and PUT alike: both change only the fields given.
  const update: RequestHandler = async (req, res) => {
    const { id } = validate(idParams(), req.params, 'path');
    res.json(await catalogue.update(id, validate(updateBody, req.body, 'body')));
  };
  router.patch('/api/produits/:id', update);
  router.put('/api/produits/:id', update);
  return router;
}
