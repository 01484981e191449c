import type { Router } from 'express';
import Joi from 'joi';
import { type AuthGuards, anyone } from '../../lib/auth.js';
import { resourceRoutes } from '../../lib/resource-routes.js';
import { type Page, pageKeys, text } from '../../lib/schemas.js';
import type { Catalogue } from './catalogue.js';
import type { NewProduit } from './produits-repo.js';

const nom = text(200);
const categorie = text(100);
/** In cents: 0 to 1 000 000.00 €. */
const prix = Joi.number().integer().min(0).max(100_000_000);
/** Free text, may be empty (''), several lines allowed (text() refuses control characters). */
const description = Joi.string()
  .trim()
  .allow('')
  .max(2000)
  .pattern(/^(?:[\n\r\t]|\P{Cc})*$/u, 'text without control characters other than new lines');

const listQuery = Joi.object<Page & { categorie?: string; q?: string }>({
  categorie,
  q: text(100),
  ...pageKeys(),
});
const createBody = Joi.object<NewProduit>({
  nom: nom.required(),
  categorie: categorie.required(),
  prix_cents: prix.required(),
  description: description.default(''),
}).required();
const changesBody = Joi.object<Partial<NewProduit>>({
  nom,
  categorie,
  prix_cents: prix,
  description,
})
  .min(1)
  .required();

/** The catalogue is public; only an operator changes it or reads its history. */
export function produitsRoutes(catalogue: Catalogue, guards: AuthGuards): Router {
  const schemas = { plural: 'produits', query: listQuery, body: createBody, changes: changesBody };
  const operateur = guards.requireRole('operateur');
  return resourceRoutes('/api/produits', schemas, catalogue, {
    list: anyone,
    get: anyone,
    create: operateur,
    update: operateur,
    historique: operateur,
  });
}
