import type { Router } from 'express';
import Joi from 'joi';
import { type AuthGuards, anyone } from '../../lib/auth.js';
import { resourceRoutes } from '../../lib/resource-routes.js';
import { pageQuery, text } from '../../lib/schemas.js';
import type { Magasins } from './magasins.js';
import type { NewMagasin } from './magasins-repo.js';

const nom = text(200);
const ville = text(100);
const adresse = text(300);

const body = Joi.object<NewMagasin>({
  nom: nom.required(),
  ville: ville.required(),
  adresse: adresse.required(),
}).required();
const changes = Joi.object<Partial<NewMagasin>>({ nom, ville, adresse }).min(1).required();

/** The stores are public; only an operator adds or changes one, or reads its history. */
export function magasinRoutes(magasins: Magasins, guards: AuthGuards): Router {
  const operateur = guards.requireRole('operateur');
  const schemas = { plural: 'magasins', query: pageQuery(), body, changes };
  return resourceRoutes('/api/magasins', schemas, magasins, {
    list: anyone,
    get: anyone,
    create: operateur,
    update: operateur,
    historique: operateur,
  });
}
