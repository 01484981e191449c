import { type AttemptDeps, asStepError, attemptStep, observed } from './attempts.js';
import { compensationPlan } from './compensation.js';
import type { SagaDefinition } from './definition.js';
import { backoffDelay, sleep } from './retry.js';
import type { Echec, SagaState, SagaStore } from './types.js';

export interface SagaDeps<E extends string, D, S extends SagaState<E, D>> extends AttemptDeps {
  readonly store: SagaStore<E, D, S>;
}

async function runForwardStep<E extends string, C extends string, D, S extends SagaState<E, D>>(
  def: SagaDefinition<E, C, D>,
  state: S,
  deps: SagaDeps<E, D, S>,
  takenOver: boolean,
): Promise<S> {
  const step = def.stepFrom(state.etat);
  if (!step) throw new Error(`No step runs from ${state.etat}`);
  const outcome = await attemptStep(step, state.id, state.data, deps, {
    outcomeUnknownFromStart: takenOver,
    untilDefinitive: takenOver,
  });
  if (outcome.ok) {
    return deps.store.apply(state, {
      from: state.etat,
      to: step.onSuccess,
      ...(outcome.result.patch ? { patch: outcome.result.patch } : {}),
      detail: { etape: step.name, tentatives: outcome.attempts, ...outcome.result.detail },
    });
  }
  const { err } = outcome;
  if (step.onFailure === undefined) throw new Error(`Step ${step.name} failed but may not fail`);
  const echec: Echec = {
    etape: step.name,
    code: err.code,
    message: err.message,
    type: err.kind === 'business' ? 'METIER' : 'TECHNIQUE',
    incertain: outcome.incertain,
  };
  return deps.store.apply(state, {
    from: state.etat,
    to: step.onFailure,
    echec,
    detail: {
      etape: step.name,
      code: err.code,
      status: err.status ?? null,
      tentatives: outcome.attempts,
    },
  });
}

async function compensate<E extends string, C extends string, D, S extends SagaState<E, D>>(
  def: SagaDefinition<E, C, D>,
  state: S,
  deps: SagaDeps<E, D, S>,
): Promise<S> {
  const { retry, observer, signal } = deps;
  const done: { compensation: C; tentatives: number }[] = [];
  const plan = compensationPlan(def, state.etat, state.echec);
  for (const name of plan) {
    const success = name === plan.at(-1) ? def.states.cancelled : state.etat;
    for (let attempt = 1; ; attempt += 1) {
      signal.throwIfAborted();
      deps.assertOwner?.();
      const failure = attempt > retry.compensationRetries ? def.states.parked : state.etat;
      const start = { sagaId: state.id, kind: 'compensation' as const, name, attempt };
      try {
        await observed(observer, { ...start, from: state.etat, to: { success, failure } }, () =>
          def.compensations[name](state.data, { sagaId: state.id, step: name, attempt, signal }),
        );
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
            to: def.states.parked,
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
    to: def.states.cancelled,
    detail: { compensations: done },
  });
}

export interface RunOptions {
  /**
   * The saga was taken over from another instance (or a crashed one), which may have gone
   * further than the store says (progress not written yet), up to and past the pivot, and
   * may still have a call in flight. So in this run:
   * - every step starts with an unknown outcome: a refusal also runs the step's null
   *   compensation, whose tombstone refuses the late call;
   * - a technical failure never fails a step: it is retried until the service answers (and
   *   the saga suspended for an operator past the budget), because going back on it could
   *   undo what a sale already recorded stands on. A refusal still fails it: replayed with
   *   the same key, a refusal proves the step never succeeded, so nothing after it happened.
   */
  readonly takenOver?: boolean;
}

/**
 * Drives a saga from wherever it stands (new, half done, or crashed mid-way) until it is
 * terminal or parked for an operator. Every step is retried with the same inputs and the
 * same idempotency key, so re-running the step in flight after a crash is safe.
 */
export async function runSaga<E extends string, C extends string, D, S extends SagaState<E, D>>(
  def: SagaDefinition<E, C, D>,
  initial: S,
  deps: SagaDeps<E, D, S>,
  options: RunOptions = {},
): Promise<S> {
  let state = initial;
  const takenOver = options.takenOver === true;
  while (!def.isResting(state.etat)) {
    state = def.isFailure(state.etat)
      ? await compensate(def, state, deps)
      : await runForwardStep(def, state, deps, takenOver);
  }
  return state;
}
