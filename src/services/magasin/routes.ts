import type { Router } from 'express';
import Joi from 'joi';
import { type AuthGuards, anyone } from '../../lib/auth.js';
import { resourceRoutes } from '../../lib/resource-routes.js';
import { pageQuery, text } from '../../lib/schemas.js';
import type { Magasins } from './magasins.js';
import type { NewMagasin } from './magasins-repo.js';

const body = Joi.object<NewMagasin>({
  nom: text(200).required(),
  ville: text(100).required(),
}).required();

/** The stores are public; only an operator adds one. */
export const magasinRoutes = (magasins: Magasins, guards: AuthGuards): Router =>
  resourceRoutes('/api/magasins', { plural: 'magasins', query: pageQuery(), body }, magasins, {
    list: anyone,
    get: anyone,
    create: guards.requireRole('operateur'),
  });
