import { backoffDelay, sleep } from './retry.js';
import type {
  Echec,
  RetrySettings,
  SagaDefinition,
  SagaObserver,
  SagaState,
  SagaStep,
  SagaStore,
  StepResult,
} from './saga-types.js';
import { StepError } from './saga-types.js';
import type { EtatCommande } from './etat-commande.js';
import {
  type Compensation,
  canTransition,
  compensationOf,
  isTerminal,
  waitsForOperator,
} from './transitions.js';

export interface SagaDeps<D, S extends SagaState<D>> {
  readonly store: SagaStore<D, S>;
  readonly retry: RetrySettings;
  readonly observer: SagaObserver;
  /** Aborted on shutdown: the saga stops between attempts and is left for another instance. */
  readonly signal: AbortSignal;
}

/** Refuses at load time a saga whose steps the transition table does not allow. */
export function defineSaga<D>(def: SagaDefinition<D>): SagaDefinition<D> {
  for (const step of def.steps) {
    const targets = [step.onSuccess, ...(step.onFailure ? [step.onFailure] : [])];
    for (const to of targets) {
      if (!canTransition(step.from, to)) {
        throw new Error(`Step ${step.name}: ${step.from} → ${to} is not in the transition table`);
      }
    }
    if (!step.onFailure && step.retry !== 'until-success') {
      throw new Error(`Step ${step.name} can fail but has no failure state`);
    }
  }
  return def;
}

const asStepError = (err: unknown): StepError =>
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

function mayRetry(
  step: SagaStep<unknown>,
  err: StepError,
  attempt: number,
  retries: number,
): boolean {
  switch (step.retry) {
    case 'bounded':
      return err.kind === 'transient' && attempt <= retries;
    case 'until-definitive':
      return err.kind !== 'business';
    case 'until-success':
      return true;
    default: {
      const never: never = step.retry;
      throw new Error(`Unknown retry policy ${String(never)}`);
    }
  }
}

type Attempted<D> =
  | { ok: true; result: StepResult<D>; attempts: number }
  | { ok: false; err: StepError; attempts: number; incertain: boolean };

async function attemptStep<D, S extends SagaState<D>>(
  step: SagaStep<D>,
  state: S,
  deps: SagaDeps<D, S>,
): Promise<Attempted<D>> {
  const { retry, observer, signal } = deps;
  let incertain = false;
  for (let attempt = 1; ; attempt += 1) {
    signal.throwIfAborted();
    const started = performance.now();
    try {
      const result = await step.run(state.data, {
        sagaId: state.id,
        step: step.name,
        attempt,
        signal,
      });
      observer.step(step.name, 'success', (performance.now() - started) / 1000, attempt);
      return { ok: true, result, attempts: attempt };
    } catch (caught) {
      signal.throwIfAborted();
      const err = asStepError(caught);
      observer.step(step.name, err.kind, (performance.now() - started) / 1000, attempt, err);
      incertain ||= err.kind !== 'business';
      if (!mayRetry(step, err, attempt, retry.stepRetries)) {
        return { ok: false, err, attempts: attempt, incertain };
      }
      await sleep(backoffDelay(attempt, retry.baseDelayMs, retry.maxDelayMs), signal);
    }
  }
}

async function runForwardStep<D, S extends SagaState<D>>(
  def: SagaDefinition<D>,
  state: S,
  deps: SagaDeps<D, S>,
): Promise<S> {
  const step = def.steps.find((s) => s.from === state.etat);
  if (!step) throw new Error(`No step runs from ${state.etat}`);
  const outcome = await attemptStep(step, state, deps);
  if (outcome.ok) {
    return deps.store.apply(state, {
      from: state.etat,
      to: step.onSuccess,
      patch: outcome.result.patch,
      detail: { etape: step.name, tentatives: outcome.attempts, ...outcome.result.detail },
    });
  }
  const { err } = outcome;
  const echec: Echec = {
    etape: step.name,
    code: err.code,
    message: err.message,
    type: err.kind === 'business' ? 'METIER' : 'TECHNIQUE',
    incertain: outcome.incertain,
  };
  return deps.store.apply(state, {
    from: state.etat,
    to: step.onFailure as EtatCommande,
    echec,
    detail: {
      etape: step.name,
      code: err.code,
      status: err.status ?? null,
      tentatives: outcome.attempts,
    },
  });
}

/**
 * What must be undone when the step that failed into `failureState` failed:
 * every compensable state reached before it, newest first, plus the state the
 * step was heading for when its effect is unknown: a technical failure, or a refusal
 * that followed an attempt whose outcome was unknown (that attempt may land late; its
 * null compensation leaves the tombstone that refuses it).
 */
export function compensationPlan<D>(
  def: SagaDefinition<D>,
  failureState: EtatCommande,
  echec: Echec | null,
): Compensation[] {
  const k = def.steps.findIndex((s) => s.onFailure === failureState);
  const failed = def.steps[k];
  if (!failed) throw new Error(`No step fails into ${failureState}`);
  const reached = def.steps.slice(0, k + 1).map((s) => s.from);
  const refusedCleanly = echec?.type === 'METIER' && !echec.incertain;
  const states = refusedCleanly ? reached : [...reached, failed.onSuccess];
  return states
    .reverse()
    .map(compensationOf)
    .filter((c): c is Compensation => c !== undefined);
}

async function compensate<D, S extends SagaState<D>>(
  def: SagaDefinition<D>,
  state: S,
  deps: SagaDeps<D, S>,
): Promise<S> {
  const { retry, observer, signal } = deps;
  const done: { compensation: Compensation; tentatives: number }[] = [];
  for (const name of compensationPlan(def, state.etat, state.echec)) {
    for (let attempt = 1; ; attempt += 1) {
      signal.throwIfAborted();
      try {
        await def.compensations[name](state.data, {
          sagaId: state.id,
          step: name,
          attempt,
          signal,
        });
        observer.compensation(name, 'success', attempt);
        done.push({ compensation: name, tentatives: attempt });
        break;
      } catch (caught) {
        signal.throwIfAborted();
        const err = asStepError(caught);
        observer.compensation(name, err.kind, attempt, err);
        if (attempt > retry.compensationRetries) {
          return deps.store.apply(state, {
            from: state.etat,
            to: 'COMPENSATION_ECHOUEE',
            detail: {
              compensation: name,
              code: err.code,
              message: err.message,
              tentatives: attempt,
              faites: done,
            },
          });
        }
        await sleep(backoffDelay(attempt, retry.baseDelayMs, retry.maxDelayMs), signal);
      }
    }
  }
  return deps.store.apply(state, {
    from: state.etat,
    to: 'ANNULEE',
    detail: { compensations: done },
  });
}

const isFailureState = <D>(def: SagaDefinition<D>, etat: EtatCommande): boolean =>
  def.steps.some((s) => s.onFailure === etat);

/**
 * Drives a saga from wherever it stands (new, half done, or crashed mid-way) until it
 * is terminal or parked for an operator. Every step is retried with the same
 * idempotency key, so re-running the step in flight after a crash is safe.
 */
export async function runSaga<D, S extends SagaState<D>>(
  def: SagaDefinition<D>,
  initial: S,
  deps: SagaDeps<D, S>,
): Promise<S> {
  let state = initial;
  while (!isTerminal(state.etat) && !waitsForOperator(state.etat)) {
    state = isFailureState(def, state.etat)
      ? await compensate(def, state, deps)
      : await runForwardStep(def, state, deps);
  }
  return state;
}

/** The failure state an operator's resume moves a parked saga back to. */
export function resumeTarget<D>(def: SagaDefinition<D>, echec: Echec | null): EtatCommande {
  const step = def.steps.find((s) => s.name === echec?.etape);
  if (!step?.onFailure)
    throw new Error(`Cannot tell which step failed (${echec?.etape ?? 'none'})`);
  return step.onFailure;
}
