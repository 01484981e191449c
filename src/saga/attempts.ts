import { backoffDelay, sleep } from './retry.js';
import type { SagaStep } from './definition.js';
import { SagaSuspended } from './errors.js';
import {
  type AttemptStart,
  type RetrySettings,
  type SagaObserver,
  StepError,
  type StepResult,
} from './types.js';

export interface AttemptDeps {
  readonly retry: RetrySettings;
  readonly observer: SagaObserver;
  /** Aborted on shutdown: the saga stops between attempts and is left for another instance. */
  readonly signal: AbortSignal;
  /**
   * Called before every attempt (steps and compensations alike): throws when this
   * instance may no longer act on the saga, e.g. its lease may have run out.
   */
  readonly assertOwner?: () => void;
}

export type Attempted<D> =
  | { ok: true; result: StepResult<D>; attempts: number }
  | { ok: false; err: StepError; attempts: number; incertain: boolean };

export const asStepError = (err: unknown): StepError =>
  err instanceof StepError
    ? err
    : new StepError(
        'transient',
        'ERREUR_INTERNE',
        err instanceof Error ? err.message : String(err),
        {
          cause: err,
        },
      );

/** Runs one attempt inside the observer's wrapper, if it has one. */
export const observed = <T>(
  observer: SagaObserver,
  start: AttemptStart,
  run: () => Promise<T>,
): Promise<T> => (observer.attempt ? observer.attempt(start, run) : run());

function mayRetry(
  policy: SagaStep<string, unknown>['retry'],
  err: StepError,
  attempt: number,
  retries: number,
): boolean {
  switch (policy) {
    case 'bounded':
      return err.kind === 'transient' && attempt <= retries;
    case 'until-definitive':
      return err.kind !== 'business';
    case 'until-success':
      return true;
    default: {
      const never: never = policy;
      throw new Error(`Unknown retry policy ${String(never)}`);
    }
  }
}

export interface AttemptOptions {
  /** An attempt of this step may already be in flight from elsewhere (a takeover). */
  readonly outcomeUnknownFromStart?: boolean;
  /**
   * A technical failure must not fail the step, whatever its policy: it is retried until
   * the service answers for real (a taken-over saga, see runSaga).
   */
  readonly untilDefinitive?: boolean;
}

/**
 * Runs one step, retrying as its policy says, with the same inputs every time. A step
 * retried "until" something that still fails past `untilBudgetMs` suspends the saga
 * (SagaSuspended): an operator takes it from there.
 */
export async function attemptStep<E extends string, D>(
  step: SagaStep<E, D>,
  sagaId: string,
  data: D,
  deps: AttemptDeps,
  options: AttemptOptions = {},
): Promise<Attempted<D>> {
  const to = { success: step.onSuccess, failure: step.onFailure ?? step.from };
  const { retry, observer, signal } = deps;
  const policy =
    options.untilDefinitive && step.retry === 'bounded' ? 'until-definitive' : step.retry;
  let incertain = options.outcomeUnknownFromStart === true;
  const since = performance.now();
  for (let attempt = 1; ; attempt += 1) {
    signal.throwIfAborted();
    deps.assertOwner?.();
    const started = performance.now();
    try {
      const start: AttemptStart = {
        sagaId,
        kind: 'step',
        name: step.name,
        attempt,
        from: step.from,
        to,
      };
      const result = await observed(observer, start, () =>
        step.run(data, { sagaId, step: step.name, attempt, signal }),
      );
      observer.step(step.name, 'success', (performance.now() - started) / 1000, attempt);
      return { ok: true, result, attempts: attempt };
    } catch (caught) {
      signal.throwIfAborted();
      const err = asStepError(caught);
      observer.step(step.name, err.kind, (performance.now() - started) / 1000, attempt, err);
      incertain ||= err.kind !== 'business';
      if (!mayRetry(policy, err, attempt, retry.stepRetries)) {
        return { ok: false, err, attempts: attempt, incertain };
      }
      if (policy !== 'bounded' && performance.now() - since > retry.untilBudgetMs) {
        throw new SagaSuspended(sagaId, step.name, err, attempt);
      }
      await sleep(backoffDelay(attempt, retry.baseDelayMs, retry.maxDelayMs), signal);
    }
  }
}
