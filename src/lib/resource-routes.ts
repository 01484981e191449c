import { type RequestHandler, Router } from 'express';
import type Joi from 'joi';
import { type Principal, principalOf } from './auth.js';
import type { EntreeHistorique } from './historique.js';
import { idParams, type Page, pageQuery } from './schemas.js';
import { validate } from './validation.js';

/**
 * What a service keeps of one kind of record: list them, read one, maybe create, change one
 * and tell its history. `caller` is who the guard let through (undefined with identity off):
 * a change is recorded with it.
 */
export interface Collection<Q, N, R extends { id: number }> {
  list(query: Q): Promise<R[]>;
  get(id: number): Promise<R>;
  create?(record: N, caller?: Principal): Promise<R>;
  update?(id: number, changes: Partial<N>, caller?: Principal): Promise<R>;
  historique?(id: number, page: Page): Promise<EntreeHistorique[]>;
}

export interface ResourceSchemas<Q, N> {
  /** The key of the list in the answer, e.g. 'produits'. */
  plural: string;
  query: Joi.ObjectSchema<Q>;
  /** The body of POST; without it, no POST route (records created otherwise). */
  body?: Joi.ObjectSchema<N>;
  /** The body of PUT and PATCH (both change only the fields given); without it, neither. */
  changes?: Joi.ObjectSchema<Partial<N>>;
}

/** Who may call each route (src/lib/auth.ts guards; `anyone` for a public one). */
export interface ResourceAccess {
  list: RequestHandler;
  /** The record's id is the path parameter `id`. */
  get: RequestHandler;
  create?: RequestHandler;
  /** PUT and PATCH `path/:id`. */
  update?: RequestHandler;
  /** GET `path/:id/historique`. */
  historique?: RequestHandler;
}

const guard = (handler: RequestHandler | undefined, route: string): RequestHandler => {
  if (!handler) throw new Error(`No guard for ${route}`);
  return handler;
};

/** PUT/PATCH `path/:id` and GET `path/:id/historique`, when the collection has them. */
function changeRoutes<Q, N, R extends { id: number }>(
  router: Router,
  path: string,
  schemas: ResourceSchemas<Q, N>,
  records: Collection<Q, N, R>,
  access: ResourceAccess,
): void {
  const update = records.update?.bind(records);
  const { changes } = schemas;
  if (changes && update) {
    const allowed = guard(access.update, `PUT ${path}/:id`);
    const handler: RequestHandler = async (req, res) => {
      const { id } = validate(idParams(), req.params, 'path');
      res.json(await update(id, validate(changes, req.body, 'body'), principalOf(res)));
    };
    router.patch(`${path}/:id`, allowed, handler);
    router.put(`${path}/:id`, allowed, handler);
  }
  const historique = records.historique?.bind(records);
  if (historique) {
    const allowed = guard(access.historique, `GET ${path}/:id/historique`);
    router.get(`${path}/:id/historique`, allowed, async (req, res) => {
      const { id } = validate(idParams(), req.params, 'path');
      const page = validate(pageQuery(50), req.query, 'query');
      res.json({ id, historique: await historique(id, page) });
    });
  }
}

/**
 * `GET path` → `{[plural]: [...]}`, `GET path/:id`, `POST path` → 201 + Location, and, when
 * the collection has them, `PUT`/`PATCH path/:id` and `GET path/:id/historique`.
 */
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
    router.post(path, guard(access.create, `POST ${path}`), async (req, res) => {
      const created = await create(validate(body, req.body, 'body'), principalOf(res));
      res.status(201).location(`${path}/${created.id}`).json(created);
    });
  }
  changeRoutes(router, path, schemas, records, access);
  return router;
}
