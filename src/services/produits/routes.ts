import type { RequestHandler, Router } from 'express';
import Joi from 'joi';
import { type AuthGuards, anyone } from '../../lib/auth.js';
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

/** The catalogue is public; only an operator changes it. */
export function produitsRoutes(catalogue: Catalogue, guards: AuthGuards): Router {
  const schemas = { plural: 'produits', query: listQuery, body: createBody };
  const operateur = guards.requireRole('operateur');
  const access = { list: anyone, get: anyone, create: operateur };
  const router = resourceRoutes('/api/produits', schemas, catalogue, access);
  // PATCH and PUT alike: both change only the fields given.
  const update: RequestHandler = async (req, res) => {
    const { id } = validate(idParams(), req.params, 'path');
    res.json(await catalogue.update(id, validate(updateBody, req.body, 'body')));
  };
  router.patch('/api/produits/:id', operateur, update);
  router.put('/api/produits/:id', operateur, update);
  return router;
}
