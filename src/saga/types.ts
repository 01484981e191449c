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

/** What the engine needs of a saga: where it stands and the data its steps carry. */
export interface SagaState<E extends string, D> {
  readonly id: string;
  readonly etat: E;
  readonly data: D;
  readonly echec: Echec | null;
}

export interface Transition<E extends string, D> {
  readonly from: E;
  readonly to: E;
  readonly patch?: Partial<D>;
  readonly echec?: Echec;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** Persists a transition with a guarded update; throws TransitionConflict if the row moved. */
export interface SagaStore<E extends string, D, S extends SagaState<E, D>> {
  apply(current: S, transition: Transition<E, D>): Promise<S>;
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
 * until-definitive: retried until the service gives a real answer (a pivot: an effect whose
 *   outcome is unknown can be neither assumed nor undone).
 * until-success: after the pivot, retried until it works; it has no failure state.
 */
export type RetryPolicy = 'bounded' | 'until-definitive' | 'until-success';

export interface RetrySettings {
  /** Retries of a bounded step after its first attempt. */
  readonly stepRetries: number;
  /** Retries of one compensation before the saga waits for an operator. */
  readonly compensationRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** How long a step retried until-definitive or until-success may keep failing. */
  readonly untilBudgetMs: number;
}

export type Outcome = 'success' | FailureKind;

/** One attempt of a step or a compensation, as it starts. */
export interface AttemptStart {
  readonly sagaId: string;
  readonly kind: 'step' | 'compensation';
  readonly name: string;
  readonly attempt: number;
  /** The état the saga is in. */
  readonly from: string;
  /** Where the saga goes if this attempt succeeds, and if it fails (its état: it retries). */
  readonly to: { readonly success: string; readonly failure: string };
}

/** Where runSaga reports what it does; metrics, logs and traces hang off this. */
export interface SagaObserver {
  step(name: string, outcome: Outcome, seconds: number, attempt: number, err?: StepError): void;
  compensation(name: string, outcome: Outcome, attempt: number, err?: StepError): void;
  /**
   * Optional: wraps one attempt (e.g. in a trace span made current, so that the calls it
   * makes are its children). It must call `run` once and settle as it does.
   */
  attempt?<T>(start: AttemptStart, run: () => Promise<T>): Promise<T>;
}
