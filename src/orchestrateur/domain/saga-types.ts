import type { EtatCommande } from './etat-commande.js';
import type { Compensation } from './transitions.js';

/**
 * business: the service said no (4xx); nothing happened, no retry.
 * transient: 5xx, timeout, dropped connection; the effect is unknown, retry.
 * invalid: an answer we cannot read; the effect is unknown, a retry gives the same answer.
 */
export type FailureKind = 'business' | 'transient' | 'invalid';

export class StepError extends Error {
  readonly kind: FailureKind;
  readonly code: string;
  readonly status: number | undefined;

  constructor(
    kind: FailureKind,
    code: string,
    message: string,
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'StepError';
    this.kind = kind;
    this.code = code;
    this.status = options.status;
  }
}

/** METIER: a business refusal. TECHNIQUE: a service kept failing; its effect is unknown. */
export type EchecType = 'METIER' | 'TECHNIQUE';

export interface Echec {
  etape: string;
  code: string;
  message: string;
  type: EchecType;
  /** Some attempt's outcome was unknown (transient or unreadable): it may still take effect. */
  incertain: boolean;
}

export interface SagaState<D> {
  readonly id: string;
  readonly etat: EtatCommande;
  readonly data: D;
  readonly echec: Echec | null;
}

export interface Transition<D> {
  readonly from: EtatCommande;
  readonly to: EtatCommande;
  readonly patch?: Partial<D>;
  readonly echec?: Echec;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** Persists a transition with a guarded update; throws TransitionConflict if the row moved. */
export interface SagaStore<D, S extends SagaState<D>> {
  apply(current: S, transition: Transition<D>): Promise<S>;
}

export interface StepCall {
  readonly sagaId: string;
  readonly step: string;
  readonly attempt: number;
  readonly signal: AbortSignal;
}

export interface StepResult<D> {
  readonly patch?: Partial<D>;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/**
 * bounded: transient failures retried up to the budget, then the step fails.
 * until-definitive: retried until the service gives a real answer (the pivot: a sale
 *   whose outcome is unknown can be neither assumed nor undone).
 * until-success: after the pivot, retried until it works; it has no failure state.
 */
export type RetryPolicy = 'bounded' | 'until-definitive' | 'until-success';

export interface SagaStep<D> {
  readonly name: string;
  readonly from: EtatCommande;
  readonly onSuccess: EtatCommande;
  readonly onFailure?: EtatCommande;
  readonly retry: RetryPolicy;
  run(data: D, call: StepCall): Promise<StepResult<D>>;
}

export interface SagaDefinition<D> {
  readonly steps: readonly SagaStep<D>[];
  readonly compensations: Readonly<
    Record<Compensation, (data: D, call: StepCall) => Promise<void>>
  >;
}

export interface RetrySettings {
  /** Retries of a bounded step after its first attempt. */
  readonly stepRetries: number;
  /** Retries of one compensation before the saga waits for an operator. */
  readonly compensationRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export type Outcome = 'success' | FailureKind;

/** Where runSaga reports what it did; metrics and logs hang off this. */
export interface SagaObserver {
  step(name: string, outcome: Outcome, seconds: number, attempt: number, err?: StepError): void;
  compensation(name: Compensation, outcome: Outcome, attempt: number, err?: StepError): void;
}

/** The row was no longer in the expected state (or no longer ours): someone else moved first. */
export class TransitionConflict extends Error {
  constructor(
    readonly sagaId: string,
    readonly from: EtatCommande,
    readonly to: EtatCommande,
  ) {
    super(`Commande ${sagaId} is no longer ${from} (or no longer ours); ${to} not applied`);
    this.name = 'TransitionConflict';
  }
}

/** A transition the table does not allow; refused before any SQL. */
export class IllegalTransition extends Error {
  constructor(
    readonly from: EtatCommande,
    readonly to: EtatCommande,
  ) {
    super(`Transition ${from} → ${to} is not allowed`);
    this.name = 'IllegalTransition';
  }
}
