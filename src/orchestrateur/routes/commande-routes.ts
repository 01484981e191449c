import { createHash, timingSafeEqual } from 'node:crypto';
import { type RequestHandler, type Response, Router } from 'express';
import { AppError } from '../../lib/errors.js';
import { validate } from '../../lib/validation.js';
import type { CheckoutAnswer, CheckoutService } from '../application/checkout-service.js';
import type { CheckoutObserver } from '../application/observer.js';
import { toSummary, toView } from './commande-view.js';
import { checkoutBody, commandeId, idempotencyKey, listQuery } from './schemas.js';

const location = (id: string): string => `/api/commande/${id}`;

function answer(res: Response, a: CheckoutAnswer): void {
  if (a.status === 201 || a.status === 202) res.location(location(a.commande.id));
  if (a.status === 202) res.setHeader('Retry-After', '1');
  if (a.replayed) res.setHeader('Idempotent-Replayed', 'true');
  res.status(a.status).json(toView(a.commande));
}

const requireJson: RequestHandler = (req, _res, next) => {
  if (!req.is('application/json')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json', 415);
  }
  next();
};

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
  observer: CheckoutObserver,
  adminToken: string | undefined,
): Router {
  const router = Router();
  const idOf = (raw: unknown): string => validate(commandeId, raw, 'commande id');

  router.post('/api/commande/checkout', observer.checkoutAnswers, requireJson, async (req, res) => {
    const body = validate(checkoutBody, req.body, 'body');
    const key = validate(idempotencyKey, req.get('idempotency-key'), 'Idempotency-Key');
    answer(res, await service.checkout(body, key));
  });
  router.all('/api/commande/checkout', () => {
    throw new AppError('METHOD_NOT_ALLOWED', 'Use POST', 405);
  });

  router.get('/api/commande/:id', async (req, res) => {
    res.json(toView(await service.get(idOf(req.params.id))));
  });

  router.get('/api/commande/:id/historique', async (req, res) => {
    res.json(toView(await service.get(idOf(req.params.id))).historique);
  });

  router.get('/api/commandes', async (req, res) => {
    const found = await service.list(validate(listQuery, req.query, 'query'));
    res.json(found.map(toSummary));
  });

  router.post('/api/commande/:id/reprendre', requireAdmin(adminToken), async (req, res) => {
    const a = await service.reprendre(idOf(req.params.id));
    if (a.status === 202) res.location(location(a.commande.id));
    res.status(a.status).json(toView(a.commande));
  });

  return router;
}
