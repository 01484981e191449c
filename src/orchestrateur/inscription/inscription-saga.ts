import { defineSaga, type SagaDefinition, type StepCall, StepError } from '../../saga/index.js';
import type { InscriptionData, InscriptionSecret } from './inscription.js';
import {
  type CompensationInscription,
  type EtatInscription,
  ROLES_INSCRIPTION,
  transitionsInscription,
} from './transitions.js';

/**
 * The calls the sign-up makes (src/lib/inscription-calls.ts), one method per call. Each is
 * keyed by the step call (sign-up id + step: the idempotency key) and throws a StepError
 * that says whether the service refused, failed, or answered something unreadable.
 */
export interface InscriptionParticipants {
  creerIdentifiants(
    input: { username: string; password: string; adresse: string },
    call: StepCall,
  ): Promise<unknown>;
  supprimerIdentifiants(call: StepCall): Promise<unknown>;
  creerClient(
    input: { nom: string; email: string },
    call: StepCall,
  ): Promise<{ client_id: number }>;
  supprimerClient(call: StepCall): Promise<unknown>;
  activerIdentifiants(input: { client_id: number }, call: StepCall): Promise<unknown>;
}

/** The secrets of the sign-ups this instance took the request of. */
export interface SecretVault {
  get(id: string): InscriptionSecret | undefined;
}

export type InscriptionSaga = SagaDefinition<
  EtatInscription,
  CompensationInscription,
  InscriptionData
>;

/**
 * The credentials step needs the password, which the orchestrator never writes. An
 * instance that did not take the request (a takeover after a crash) cannot make it: the
 * step fails, and since the first attempt's outcome is unknown, its compensation deletes
 * whatever credentials it may have left. The person signs up again.
 */
const interrupted = (): StepError =>
  new StepError(
    'business',
    'INSCRIPTION_INTERROMPUE',
    'The sign-up was interrupted before its credentials were recorded; sign up again',
  );

function clientIdOf(d: InscriptionData): number {
  if (d.client_id === null) throw new Error('Saga data has no client although its step succeeded');
  return d.client_id;
}

/** The sign-up saga's name: its rows in the generic table carry it. */
export const INSCRIPTION_SAGA = 'inscription';

/** The sign-up, step by step; outcomes are read off the table. */
export function inscriptionSaga(p: InscriptionParticipants, vault: SecretVault): InscriptionSaga {
  return defineSaga({
    name: INSCRIPTION_SAGA,
    table: transitionsInscription,
    states: ROLES_INSCRIPTION,
    steps: [
      {
        name: 'identifiants',
        from: 'INITIEE',
        retry: 'bounded',
        run: async (d, call) => {
          const secret = vault.get(call.sagaId);
          if (!secret) throw interrupted();
          await p.creerIdentifiants({ username: d.username, ...secret }, call);
          return { detail: { username: d.username } };
        },
      },
      {
        name: 'client',
        from: 'IDENTIFIANTS_RESERVES',
        retry: 'bounded',
        run: async (d, call) => {
          const { client_id } = await p.creerClient({ nom: d.nom, email: d.email }, call);
          return { patch: { client_id }, detail: { client_id } };
        },
      },
      {
        // The pivot: once the credentials name the client, the account exists.
        name: 'activation',
        from: 'CLIENT_CREE',
        retry: 'until-definitive',
        run: async (d, call) => {
          await p.activerIdentifiants({ client_id: clientIdOf(d) }, call);
          return { detail: { client_id: clientIdOf(d) } };
        },
      },
    ],
    compensations: {
      supprimer_identifiants: async (_d, call) => {
        await p.supprimerIdentifiants(call);
      },
      supprimer_client: async (_d, call) => {
        await p.supprimerClient(call);
      },
    },
  });
}
