import { INSCRIPTION_CALLS, type InscriptionCallName } from '../../lib/inscription-calls.js';
import { StepError, type StepCall } from '../../saga/index.js';
import type { InscriptionParticipants } from '../inscription/inscription-saga.js';
import { callOf } from './participants.js';
import type { ServiceHttp } from './service-http.js';

/** A client id as a service of ours makes it: a positive integer. */
function clientIdIn(body: unknown): number {
  const id = (body as { client_id?: unknown }).client_id;
  if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) return id;
  const said = `The client service answered client_id ${JSON.stringify(id)}`;
  throw new StepError('invalid', 'REPONSE_INVALIDE', said);
}

/**
 * The sign-up's HTTP client: each method one call of its record (src/lib/inscription-calls.ts),
 * made as the contract's sign-up section says (`inscription_id` in the body and the path,
 * `Idempotency-Key: <inscription_id>:<step>`), the answer checked.
 */
export function inscriptionClient(
  http: ServiceHttp,
  urls: Readonly<{ auth: string; client: string }>,
): InscriptionParticipants {
  const make = (name: InscriptionCallName, input: Record<string, unknown>, call: StepCall) => {
    const spec = INSCRIPTION_CALLS[name];
    const target = { spec, baseUrl: urls[spec.service], idField: 'inscription_id' as const };
    return callOf(http, target, input, call);
  };
  const participants: InscriptionParticipants = {
    creerIdentifiants: (input, call) => make('creer_identifiants', input, call),
    supprimerIdentifiants: (call) => make('supprimer_identifiants', {}, call),
    creerClient: async (input, call) => ({
      client_id: clientIdIn(await make('creer_client', input, call)),
    }),
    supprimerClient: (call) => make('supprimer_client', {}, call),
    activerIdentifiants: (input, call) => make('activer_identifiants', input, call),
  };
  return Object.freeze(participants);
}
