import { createHash, timingSafeEqual } from 'node:crypto';
import { type RequestHandler, type Response, Router } from 'express';
import { AppError } from '../../lib/errors.js';
import { validate } from '../../lib/validation.js';
import type { CheckoutAnswer, CheckoutService } from '../checkout-service.js';
import { toView } from '../domain/commande-state.js';
import type { SagaMetrics } from '../metrics.js';
import { checkoutBody, commandeId, idempotencyKey, listQuery } from './schemas.js';

const location = (id: string): string => `/api/commande/${id}`;

function answer(res: Response, a: CheckoutAnswer): void {
  if (a.status === 201 || a.status === 202) res.location(location(a.commande.id));
  if (a.status === 202) res.setHeader('Retry-After', '1');
  if (a.replayed) res.setHeader('Idempotent-Replayed', 'true');
  res.status(a.status).json(toView(a.commande));
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Bearer ADMIN_TOKEN, compared in constant time; no token configured: endpoint off. */
function requireAdmin(token: string | undefined): RequestHandler {
  const expected = token === undefined ? undefined : digest(token);
  return (req, res, next) => {
    if (!expected) {
      throw new AppError('ADMIN_DESACTIVE', 'No ADMIN_TOKEN is configured: endpoint disabled', 403);
    }
    const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      throw new AppError('NON_AUTORISE', 'A valid admin bearer token is required', 401);
    }
    next();
  };
}

export function commandeRoutes(
  service: CheckoutService,
  metrics: SagaMetrics,
  adminToken: string | undefined,
): Router {
  const router = Router();

  router.post('/api/commande/checkout', async (req, res) => {
    try {
      if (!req.is('application/json')) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json', 415);
      }
      const body = validate(checkoutBody, req.body, 'body');
      const key = validate(idempotencyKey, req.get('idempotency-key'), 'Idempotency-Key');
      const a = await service.checkout(body, key);
      metrics.checkouts.inc({ status: String(a.status) });
      answer(res, a);
    } catch (err) {
      const status = err instanceof AppError ? err.httpStatus : 500;
      metrics.checkouts.inc({ status: String(status) });
      if (err instanceof AppError && err.code === 'SURCHARGE') {
        metrics.overload.inc();
        res.setHeader('Retry-After', '1');
      }
      throw err;
    }
  });

  router.get('/api/commande/:id', async (req, res) => {
    const id = validate(commandeId, req.params.id, 'commande id');
    res.json(toView(await service.get(id)));
  });

  router.get('/api/commande/:id/historique', async (req, res) => {
    const id = validate(commandeId, req.params.id, 'commande id');
    const view = toView(await service.get(id));
    res.json(view.historique);
  });

  router.get('/api/commandes', async (req, res) => {
    const q = validate(listQuery, req.query, 'query');
    const rows = await service.list({ etat: q.etat, clientId: q.client_id, limit: q.limit });
    res.json(
      rows.map((r) => {
        const { historique, ...rest } = toView(r);
        return rest;
      }),
    );
  });

  router.post('/api/commande/:id/reprendre', requireAdmin(adminToken), async (req, res) => {
    const id = validate(commandeId, req.params.id, 'commande id');
    const a = await service.reprendre(id);
    if (a.status === 202) res.location(location(id));
    res.status(a.status).json(toView(a.commande));
  });

  router.all('/api/commande/checkout', () => {
    throw new AppError('METHOD_NOT_ALLOWED', 'Use POST', 405);
  });

  return router;
}
