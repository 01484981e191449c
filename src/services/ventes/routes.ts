import { Router } from 'express';
import type { AuthGuards } from '../../lib/auth.js';
import Joi, { type CustomHelpers } from 'joi';
import { resourceRoutes } from '../../lib/resource-routes.js';
import { commandeId, entityId, lignes, pageKeys } from '../../lib/schemas.js';
import { validate } from '../../lib/validation.js';
import type { RapportFiltre } from './rapport-repo.js';
import type { EnregistrerCommand, Registre } from './registre.js';
import type { VenteFilter } from './ventes-repo.js';

const commandeParams = Joi.object<{ commande_id: string }>({
  commande_id: commandeId().required(),
});
const listQuery = Joi.object<VenteFilter>({
  magasin_id: entityId(),
  client_id: entityId(),
  ...pageKeys(50),
});
const venteBody = Joi.object<EnregistrerCommand>({
  commande_id: commandeId().required(),
  client_id: entityId().required(),
  magasin_id: entityId().required(),
  lignes: lignes({
    more: { prix_unitaire_cents: Joi.number().integer().min(0).max(100_000_000).required() },
  })
    .min(1)
    .unique('produit_id')
    .required(),
  total_cents: Joi.number().integer().min(0).max(Number.MAX_SAFE_INTEGER).required(),
}).required();

/** A real calendar day, YYYY-MM-DD (year 1 on: PostgreSQL has no year 0). */
const jour = Joi.string().custom((value: string, helpers: CustomHelpers) => {
  const day = new Date(`${value}T00:00:00Z`);
  const real =
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    !Number.isNaN(day.getTime()) &&
    day.toISOString().startsWith(value) &&
    value >= '0001-01-01';
  return real ? value : helpers.message({ custom: '{{#label}} must be a real day, YYYY-MM-DD' });
});
type RapportQuery = Partial<RapportFiltre> & { top: number };
const rapportQuery = Joi.object<RapportQuery>({
  magasin_id: entityId(),
  du: jour,
  au: jour,
  top: Joi.number().integer().min(1).max(50).default(10),
}).custom((q: RapportQuery, helpers: CustomHelpers) =>
  q.du && q.au && q.du > q.au ? helpers.message({ custom: "'du' is after 'au'" }) : q,
);

/** Sales are an operator's to read; only the saga (service token) records one. */
export function ventesRoutes(registre: Registre, guards: AuthGuards): Router {
  const router = Router();
  const operateur = guards.requireRole('operateur');

  // Before the resource routes, where '/api/ventes/:id' would take 'rapport' for an id.
  router.get('/api/ventes/rapport', operateur, async (req, res) => {
    const q = validate(rapportQuery, req.query, 'query');
    const filtre = { magasin_id: q.magasin_id ?? null, du: q.du ?? null, au: q.au ?? null };
    res.json(await registre.rapport(filtre, q.top));
  });

  const schemas = { plural: 'ventes', query: listQuery };
  router.use(resourceRoutes('/api/ventes', schemas, registre, { list: operateur, get: operateur }));

  // Created by the saga: 201 the first time, 200 with the same vente on a repeat.
  router.post('/api/ventes', guards.requireRole('service'), async (req, res) => {
    const { status, body } = await registre.enregistrer(validate(venteBody, req.body, 'body'));
    res.status(status).location(`/api/ventes/${body.id}`).json(body);
  });

  router.get('/api/ventes/commande/:commande_id', operateur, async (req, res) => {
    const { commande_id } = validate(commandeParams, req.params, 'path');
    res.json(await registre.getByCommande(commande_id));
  });

  return router;
}
