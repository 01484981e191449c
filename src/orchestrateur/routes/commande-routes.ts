import { type Response, Router } from 'express';
import { type AuthGuards, assertOwnData, forbidden, principalOf } from '../../lib/auth.js';
import { AppError, badRequest } from '../../lib/errors.js';
import { validate } from '../../lib/validation.js';
import type {
  Checkout,
  CheckoutAnswer,
  CheckoutRequest,
  CommandeActions,
} from '../application/checkout.js';
import type { CommandeQueries } from '../application/commande-queries.js';
import type { CheckoutObserver } from '../application/observer.js';
import type { ActionAnswer } from '../application/operator-actions.js';
import { operatorOf } from './operator.js';
import type { Commande, CommandeFilter } from '../checkout/commande.js';
import { type Audience, toSummary, toView } from './commande-view.js';
import {
  annulerBody,
  checkoutBody,
  commandeId,
  idempotencyKey,
  listQuery,
  reprendreBody,
  requireJson,
} from './schemas.js';

const location = (id: string): string => `/api/commande/${id}`;

/** A client reads its commandes in words; operators (and callers without identity) in full. */
const audienceOf = (res: Response): Audience =>
  principalOf(res)?.kind === 'client' ? 'client' : 'operateur';

function answer(res: Response, a: CheckoutAnswer): void {
  if (a.status === 201 || a.status === 202) res.location(location(a.commande.id));
  if (a.status === 202) res.setHeader('Retry-After', '1');
  if (a.replayed) res.setHeader('Idempotent-Replayed', 'true');
  res.status(a.status).json(toView(a.commande, audienceOf(res)));
}

function answerAction(res: Response, a: ActionAnswer<Commande>): void {
  if (a.status === 202) res.location(location(a.saga.id)).setHeader('Retry-After', '1');
  res.status(a.status).json(toView(a.saga));
}

/**
 * Whose cart is ordered: the client of the token, never the body's. A body `client_id` may
 * repeat it; another one is refused before anything is written. Without identity
 * (AUTH_REQUIRED=false) the body must name the client.
 */
function checkoutRequest(
  res: Response,
  body: { client_id?: number | undefined; magasin_id: number },
): CheckoutRequest {
  const p = principalOf(res);
  if (p?.kind === 'client') {
    if (body.client_id !== undefined && body.client_id !== p.clientId) {
      throw forbidden(`This token orders for client ${p.clientId}, not ${body.client_id}`);
    }
    return { client_id: p.clientId, magasin_id: body.magasin_id };
  }
  if (body.client_id === undefined) throw badRequest("Invalid body: 'client_id' is required");
  return { client_id: body.client_id, magasin_id: body.magasin_id };
}

/** A client lists its own commandes only (asking for another's is refused). */
function ownFilter(res: Response, filter: CommandeFilter): CommandeFilter {
  const p = principalOf(res);
  if (p?.kind !== 'client') return filter;
  if (filter.client_id !== undefined) assertOwnData(res, filter.client_id);
  return { ...filter, client_id: p.clientId };
}

/** The use cases the routes translate HTTP to. */
export interface CommandeUseCases {
  checkout: Checkout;
  queries: CommandeQueries;
  actions: CommandeActions;
}

export function commandeRoutes(
  { checkout, queries, actions }: CommandeUseCases,
  observer: CheckoutObserver,
  guards: AuthGuards,
): Router {
  const router = Router();
  const idOf = (raw: unknown): string => validate(commandeId, raw, 'commande id');
  const clientOrOperateur = guards.requireRole('client', 'operateur');
  const findOwn = async (res: Response, raw: unknown) => {
    const commande = await queries.get(idOf(raw));
    assertOwnData(res, commande.data.client_id);
    return commande;
  };

  router.post(
    '/api/commande/checkout',
    observer.checkoutAnswers,
    guards.requireRole('client'),
    requireJson,
    async (req, res) => {
      const body = checkoutRequest(res, validate(checkoutBody, req.body, 'body'));
      const key = validate(idempotencyKey, req.get('idempotency-key'), 'Idempotency-Key');
      answer(res, await checkout.checkout(body, key));
    },
  );
  router.all('/api/commande/checkout', () => {
    throw new AppError('METHOD_NOT_ALLOWED', 'Use POST', 405);
  });

  router.get('/api/commande/:id', clientOrOperateur, async (req, res) => {
    res.json(toView(await findOwn(res, req.params.id), audienceOf(res)));
  });

  router.get('/api/commande/:id/historique', clientOrOperateur, async (req, res) => {
    res.json(toView(await findOwn(res, req.params.id), audienceOf(res)).historique);
  });

  router.get('/api/commandes', clientOrOperateur, async (req, res) => {
    const found = await queries.list(ownFilter(res, validate(listQuery, req.query, 'query')));
    const audience = audienceOf(res);
    res.json(found.map((c) => toSummary(c, audience)));
  });

  const operateur = guards.requireRole('operateur');
  router.post('/api/commande/:id/reprendre', operateur, async (req, res) => {
    const id = idOf(req.params.id);
    const { motif } = validate(reprendreBody, req.body ?? {}, 'body');
    answerAction(res, await actions.reprendre(id, operatorOf(res, motif)));
  });

  router.post('/api/commande/:id/annuler', operateur, requireJson, async (req, res) => {
    const id = idOf(req.params.id);
    const { motif } = validate(annulerBody, req.body, 'body');
    answerAction(res, await actions.annuler(id, operatorOf(res, motif)));
  });

  return router;
}
