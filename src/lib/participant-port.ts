import type { AnswerShape, CallName, CallOf } from './participant-calls.js';

/**
 * The typed view of the participant-call catalogue (participant-calls.ts): what the
 * orchestrator's client offers, call by call, and what each answers.
 */

type Camel<S extends string> = S extends `${infer H}_${infer T}`
  ? `${H}${Capitalize<Camel<T>>}`
  : S;
type PathParam<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParam<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

export interface LigneAnswer {
  produit_id: number;
  quantite: number;
  prix_unitaire_cents: number;
}

export interface PanierAnswer {
  client_id: number;
  lignes: LigneAnswer[];
  total_cents: number;
}

export interface VenteAnswer {
  id: number | string;
  commande_id: string;
  total_cents: number;
}

export interface EtatAnswer {
  commande_id: string;
  etat: string;
}

export type AnswerOf<A extends AnswerShape> = A extends { kind: 'panier' }
  ? PanierAnswer
  : A extends { kind: 'vente' }
    ? VenteAnswer
    : A extends { kind: 'etat' }
      ? EtatAnswer
      : unknown;

/** A call's input: its path parameters and its body fields (commande_id is added). */
export type CallInput<N extends CallName> = {
  readonly [K in PathParam<CallOf<N>['path']>]: number | string;
} & { readonly [K in CallOf<N>['body'][number]]: unknown };

/** What a call is made for: the commande, the step (Idempotency-Key suffix), the deadline. */
export interface CallContext {
  readonly sagaId: string;
  readonly step: string;
  readonly signal: AbortSignal;
}

/** One method per call, named after it (lire_panier → lirePanier). */
export type ParticipantPort = {
  readonly [N in CallName as Camel<N>]: (
    input: CallInput<N>,
    call: CallContext,
  ) => Promise<AnswerOf<CallOf<N>['answer']>>;
};
