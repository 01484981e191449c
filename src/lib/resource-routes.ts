import { type RequestHandler, Router } from 'express';
import type Joi from 'joi';
import { idParams } from './schemas.js';
import { validate } from './validation.js';

/** What a service keeps of one kind of record: list them, read one, maybe create one. */
export interface Collection<Q, N, R extends { id: number }> {
  list(query: Q): Promise<R[]>;
  get(id: number): Promise<R>;
  create?(record: N): Promise<R>;
}

export interface ResourceSchemas<Q, N> {
  /** The key of the list in the answer, e.g. 'produits'. */
  plural: string;
  query: Joi.ObjectSchema<Q>;
  /** The body of POST; without it, no POST route (records created otherwise). */
  body?: Joi.ObjectSchema<N>;
}

/** Who may call each route (src/lib/auth.ts guards; `anyone` for a public one). */
export interface ResourceAccess {
  list: RequestHandler;
  /** The record's id is the path parameter `id`. */
  get: RequestHandler;
  create?: RequestHandler;
}

/** `GET path` → `{[plural]: [...]}`, `GET path/:id`, and `POST path` → 201 + Location. */
export function resourceRoutes<Q, N, R extends { id: number }>(
  path: string,
  schemas: ResourceSchemas<Q, N>,
  records: Collection<Q, N, R>,
  access: ResourceAccess,
): Router {
  const router = Router();
  router.get(path, access.list, async (req, res) => {
    res.json({ [schemas.plural]: await records.list(validate(schemas.query, req.query, 'query')) });
  });
  router.get(`${path}/:id`, access.get, async (req, res) => {
    const { id } = validate(idParams(), req.params, 'path');
    res.json(await records.get(id));
  });
  const { body } = schemas;
  const create = records.create?.bind(records);
  if (body && create) {
    if (!access.create) throw new Error(`No guard for POST ${path}`);
    router.post(path, access.create, async (req, res) => {
      const created = await create(validate(body, req.body, 'body'));
      res.status(201).location(`${path}/${created.id}`).json(created);
    });
  }
  return router;
}
