import Joi from 'joi';
import {
  type AnswerShape,
  callNames,
  type CallContext,
  type CallName,
  callSpec,
  fillPath,
  methodName,
  type ParticipantPort,
  type ParticipantService,
} from '../../lib/participant-calls.js';
import { storableText } from '../../lib/text.js';
import { StepError } from '../../saga/index.js';
import type { ServiceHttp, ServiceRequest } from './service-http.js';

/** Each participant service's base URL (the orchestrator's `<SERVICE>_URL`). */
export type ParticipantUrls = Readonly<Record<ParticipantService, string>>;

const id = Joi.number().integer().positive().required();
const cents = Joi.number().integer().min(0).required();

/** The joi check of each kind of answer the record names. */
function answerSchema(shape: AnswerShape): Joi.Schema {
  switch (shape.kind) {
    case 'etat':
      return Joi.object({
        commande_id: Joi.string().required(),
        etat: Joi.string().valid(shape.etat).required(),
        ...Object.fromEntries((shape.echo ?? []).map((f) => [f, Joi.any().required()])),
      }).unknown(true);
    case 'panier':
      return Joi.object({
        client_id: id,
        lignes: Joi.array()
          .items(
            Joi.object({ produit_id: id, quantite: id, prix_unitaire_cents: cents }).unknown(true),
          )
          .required(),
        total_cents: cents,
      }).unknown(true);
    case 'vente':
      return Joi.object({
        id: Joi.alternatives(Joi.number(), Joi.string()).required(),
        commande_id: Joi.string().required(),
        total_cents: cents,
      }).unknown(true);
    case 'libre':
      return Joi.any();
    default: {
      const never: never = shape;
      throw new Error(`Unknown answer ${JSON.stringify(never)}`);
    }
  }
}

const pick = (input: Readonly<Record<string, unknown>>, fields: readonly string[]) =>
  Object.fromEntries(fields.map((f) => [f, input[f]]));

/** What the answer must repeat of the request (a payment of the amount asked, say). */
function checkEcho(shape: AnswerShape, sent: Record<string, unknown>, body: unknown, url: string) {
  if (shape.kind !== 'etat') return;
  for (const field of shape.echo ?? []) {
    const got = (body as Record<string, unknown>)[field];
    if (got !== sent[field]) {
      const said = `${url}: ${field} ${JSON.stringify(got)} instead of ${JSON.stringify(sent[field])}`;
      throw new StepError('invalid', 'REPONSE_INVALIDE', said);
    }
  }
}

/**
 * One call of the record, exactly as the saga contract describes it: the service's URL and
 * the path filled from the input; a POST carries `commande_id` and the body fields, with the
 * contract's key (one per commande and step, the same on every retry); the answer is sorted
 * by the call's success statuses and named refusals, and checked against its shape.
 */
async function makeCall(
  http: ServiceHttp,
  urls: ParticipantUrls,
  name: CallName,
  input: Readonly<Record<string, unknown>>,
  call: CallContext,
): Promise<unknown> {
  const spec = callSpec(name);
  const url = `${urls[spec.service as ParticipantService]}${fillPath(spec.path, input)}`;
  const common = { url, route: spec.path, signal: call.signal, refusals: spec.refusals };
  const json = { commande_id: call.sagaId, ...pick(input, spec.body) };
  const req: ServiceRequest =
    spec.method === 'GET'
      ? { ...common, method: 'GET' }
      : { ...common, method: 'POST', json, idempotencyKey: `${call.sagaId}:${call.step}` };
  const { body } = await http.call(req, answerSchema(spec.answer), spec.ok);
  checkEcho(spec.answer, json, body, url);
  if (spec.answer.kind === 'vente') {
    // An id of another service's making: stored in the history, so made storable.
    const vente = body as { id: number | string };
    if (typeof vente.id === 'string') vente.id = storableText(vente.id, 100);
  }
  return body;
}

/** The participants' HTTP client: one method per call of the record, none written by hand. */
export function participantClient(http: ServiceHttp, urls: ParticipantUrls): ParticipantPort {
  const methods = callNames().map((name) => [
    methodName(name),
    (input: Readonly<Record<string, unknown>>, call: CallContext) =>
      makeCall(http, urls, name, input, call),
  ]);
  return Object.freeze(Object.fromEntries(methods)) as ParticipantPort;
}
