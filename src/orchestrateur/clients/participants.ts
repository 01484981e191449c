import Joi from 'joi';
import {
  type AnswerShape,
  callNames,
  type CallSpec,
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

/** The field that names the saga in bodies and answers. */
export type SagaIdField = 'commande_id' | 'inscription_id';

/** The joi check of each kind of answer the record names. */
function buildAnswerSchema(shape: AnswerShape, idField: SagaIdField): Joi.Schema {
  switch (shape.kind) {
    case 'etat':
      return Joi.object({
        [idField]: Joi.string().required(),
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

const answerSchemas = new WeakMap<AnswerShape, Map<SagaIdField, Joi.Schema>>();

/**
 * buildAnswerSchema, made once per answer shape: building a joi schema costs more than
 * checking an answer with it, and a checkout makes five calls (found in a CPU profile of the
 * whole system under load, issue 20).
 */
function answerSchema(shape: AnswerShape, idField: SagaIdField): Joi.Schema {
  const byField = answerSchemas.get(shape) ?? new Map<SagaIdField, Joi.Schema>();
  answerSchemas.set(shape, byField);
  const known = byField.get(idField);
  if (known) return known;
  const built = buildAnswerSchema(shape, idField);
  byField.set(idField, built);
  return built;
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
 * One call of a record, exactly as the saga contract describes it: the service's URL and
 * the path filled from the input (and the saga's id); a POST carries the saga's id and the
 * body fields, with the contract's key (one per saga and step, the same on every retry);
 * the answer is sorted by the call's success statuses and named refusals, and checked
 * against its shape.
 */
export async function callOf(
  http: ServiceHttp,
  target: { spec: CallSpec; baseUrl: string; idField: SagaIdField },
  input: Readonly<Record<string, unknown>>,
  call: CallContext,
): Promise<unknown> {
  const { spec, baseUrl, idField } = target;
  const url = `${baseUrl}${fillPath(spec.path, { [idField]: call.sagaId, ...input })}`;
  const common = { url, route: spec.path, signal: call.signal, refusals: spec.refusals };
  const json = { [idField]: call.sagaId, ...pick(input, spec.body) };
  const req: ServiceRequest =
    spec.method === 'GET'
      ? { ...common, method: 'GET' }
      : { ...common, method: 'POST', json, idempotencyKey: `${call.sagaId}:${call.step}` };
  const { body } = await http.call(req, answerSchema(spec.answer, idField), spec.ok);
  checkEcho(spec.answer, json, body, url);
  return body;
}

/** One call of the checkout's record (a sale's id is made storable: it goes to the history). */
async function makeCall(
  http: ServiceHttp,
  urls: ParticipantUrls,
  name: CallName,
  input: Readonly<Record<string, unknown>>,
  call: CallContext,
): Promise<unknown> {
  const spec = callSpec(name);
  const baseUrl = urls[spec.service as ParticipantService];
  const body = await callOf(http, { spec, baseUrl, idField: 'commande_id' }, input, call);
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
