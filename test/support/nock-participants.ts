import nock from 'nock';
import {
  callNames,
  type CallName,
  callSpec,
  fillPath,
  type ParticipantService,
} from '../../src/lib/participant-calls.js';
import { contractAnswer } from './fake-participants.js';
import { SERVICE_URLS } from './orchestrateur.js';

export interface Ligne {
  produit_id: number;
  quantite: number;
  prix_unitaire_cents: number;
}

export const LIGNES: Ligne[] = [
  { produit_id: 1, quantite: 2, prix_unitaire_cents: 1250 },
  { produit_id: 3, quantite: 1, prix_unitaire_cents: 499 },
];
export const TOTAL = 2 * 1250 + 499;

export const keyFor = (step: string): RegExp => new RegExp(`^[0-9a-f-]{36}:${step}$`);

/** The answer's body: as is, or made from the request's body. */
type Body = ((requestBody: unknown) => unknown) | object;
type Reply = (status?: number, body?: Body, delayMs?: number) => nock.Scope;

/** What each call answers by default: the contract's answer, for this client and cart. */
function defaultAnswer(route: CallName, clientId: number, body: unknown): unknown {
  if (route === 'lire_panier') return { client_id: clientId, lignes: LIGNES, total_cents: TOTAL };
  const input = { params: { client_id: String(clientId) }, body: body as Record<string, unknown> };
  const answer = contractAnswer(route, input, 42);
  return callSpec(route).answer.kind === 'vente'
    ? { ...(answer as object), total_cents: TOTAL }
    : answer;
}

/**
 * nock stand-ins for every call of the participant record, one function per call named
 * after it (`p.reserver_stock(409, () => error('STOCK_INSUFFISANT'))`), each answering the
 * contract's answer by default and recording each call in order. The path's parameters are
 * this client's id.
 */
export function participants(clientId: number) {
  const log: { what: CallName; key: string | undefined; body: unknown }[] = [];
  const note = (what: CallName, status: number, reply: (body: unknown) => unknown) =>
    function (this: nock.ReplyFnContext, _uri: string, body: nock.Body): [number, nock.Body] {
      const key = this.req.headers['idempotency-key'];
      log.push({ what, key: Array.isArray(key) ? key[0] : key, body });
      return [status, reply(body) as nock.Body];
    };
  const reply = (route: CallName): Reply => {
    const spec = callSpec(route);
    const path = fillPath(spec.path, { client_id: clientId });
    return (status = spec.ok.at(-1) ?? 200, body, delayMs = 0) => {
      const base = nock(SERVICE_URLS[spec.service as ParticipantService]);
      const interceptor = spec.method === 'GET' ? base.get(path) : base.post(path);
      const answer = (b: unknown): unknown =>
        body === undefined
          ? defaultAnswer(route, clientId, b)
          : typeof body === 'function'
            ? (body as (b: unknown) => unknown)(b)
            : body;
      return interceptor.delay(delayMs).reply(note(route, status, answer));
    };
  };
  const calls = Object.fromEntries(callNames().map((n) => [n, reply(n)])) as Record<
    CallName,
    Reply
  >;
  return { log, names: () => log.map((l) => l.what), ...calls };
}

export const error = (code: string, message = code) => ({ error: { code, message } });
