import type { RetryPolicy, StepCall, StepResult } from './types.js';
import { fingerprint } from './version.js';

/** One state of a saga's table: where it may go, and what undoes having reached it. */
export interface StateRule<E extends string, C extends string> {
  /** States this one may move to; empty for a terminal state. */
  readonly next: readonly E[];
  /** The compensating action that undoes the effect of having reached this state. */
  readonly compensate?: C;
}

/** A saga's state machine as data: every state, its successors and its compensation. */
export type TransitionTable<E extends string, C extends string> = {
  readonly [K in E]: StateRule<E, C>;
};

/** The states the engine must know by role; every other role is read off the table. */
export interface SagaStates<E extends string> {
  /** The saga succeeded (terminal). */
  readonly confirmed: E;
  /** Every compensation succeeded (terminal). */
  readonly cancelled: E;
  /** A compensation kept failing: the saga waits for an operator. */
  readonly parked: E;
}

/** A forward step, named by the table entry it runs from; its outcomes come from the table. */
export interface StepSpec<E extends string, D> {
  readonly name: string;
  readonly from: E;
  readonly retry: RetryPolicy;
  run(data: D, call: StepCall): Promise<StepResult<D>>;
}

export type CompensationFn<D> = (data: D, call: StepCall) => Promise<void>;

export interface SagaSpec<E extends string, C extends string, D> {
  /** A readable name of the saga (its fingerprint tells its versions apart). */
  readonly name?: string;
  readonly table: TransitionTable<E, C>;
  readonly states: SagaStates<E>;
  /** In order; the first runs from the initial state. */
  readonly steps: readonly StepSpec<E, D>[];
  readonly compensations: Readonly<Record<C, CompensationFn<D>>>;
}

/** A step with the two states the table gives it. */
export interface SagaStep<E extends string, D> extends StepSpec<E, D> {
  readonly onSuccess: E;
  /** Absent for a step past the pivot, which may not fail. */
  readonly onFailure: E | undefined;
}

/** A checked saga: the spec, each step's outcomes, and the questions the engine asks. */
export interface SagaDefinition<E extends string, C extends string, D> {
  /** The readable name and the fingerprint of the shape (version.ts): what a saga records. */
  readonly name: string;
  readonly version: string;
  readonly table: TransitionTable<E, C>;
  readonly states: SagaStates<E> & { readonly initial: E };
  readonly steps: readonly SagaStep<E, D>[];
  readonly compensations: Readonly<Record<C, CompensationFn<D>>>;
  canTransition(from: E, to: E): boolean;
  isTerminal(etat: E): boolean;
  /** Terminal or waiting for an operator: no worker drives it any more. */
  isResting(etat: E): boolean;
  isFailure(etat: E): boolean;
  compensationOf(etat: E): C | undefined;
  stepFrom(etat: E): SagaStep<E, D> | undefined;
  stepFailingInto(etat: E): SagaStep<E, D> | undefined;
}

/**
 * Terminal, or waiting for an operator: no worker drives it any more. The one definition of
 * a resting state; the engine's `isResting`, the data layer's SQL lists and the web front's
 * "is it over?" are all read off it.
 */
export function restingStates<E extends string>(
  table: TransitionTable<E, string>,
  states: Pick<SagaStates<E>, 'parked'>,
): E[] {
  return (Object.keys(table) as E[]).filter(
    (e) => table[e].next.length === 0 || e === states.parked,
  );
}

function fail(message: string): never {
  throw new Error(`Saga definition: ${message}`);
}

/** Each step succeeds into the next step's state (the last into `confirmed`); the other successor is its failure. */
function withOutcomes<E extends string, C extends string, D>(
  spec: SagaSpec<E, C, D>,
): SagaStep<E, D>[] {
  return spec.steps.map((step, i) => {
    const onSuccess = spec.steps[i + 1]?.from ?? spec.states.confirmed;
    const next = spec.table[step.from].next;
    if (!next.includes(onSuccess)) fail(`step ${step.name}: ${step.from} → ${onSuccess} missing`);
    const others = next.filter((e) => e !== onSuccess);
    if (others.length > 1) fail(`step ${step.name}: ${step.from} has several failure states`);
    const onFailure = others[0];
    if (onFailure === undefined && step.retry !== 'until-success') {
      fail(
        `step ${step.name} may fail (retry ${step.retry}) but ${step.from} has no failure state`,
      );
    }
    return { ...step, onSuccess, onFailure };
  });
}

/** Refuses a failure state that does not end cancelled or parked, or a parked state that resumes elsewhere. */
function checkFailures<E extends string, C extends string>(
  table: TransitionTable<E, C>,
  states: SagaStates<E>,
  failures: readonly E[],
): void {
  for (const f of failures) {
    const next = table[f].next;
    if (!next.includes(states.cancelled)) fail(`${f} cannot reach ${states.cancelled}`);
    if (next.some((e) => e !== states.cancelled && e !== states.parked)) {
      fail(`${f} may only go to ${states.cancelled} or ${states.parked}`);
    }
    if (next.includes(states.parked) && !table[states.parked].next.includes(f)) {
      fail(`${states.parked} cannot resume ${f}`);
    }
  }
  const strays = table[states.parked].next.filter((e) => !failures.includes(e));
  if (strays.length > 0) fail(`${states.parked} resumes into non-failure states ${strays.join()}`);
}

function checkCoverage<E extends string, C extends string, D>(
  spec: SagaSpec<E, C, D>,
  steps: readonly SagaStep<E, D>[],
): void {
  const { table, states } = spec;
  const known = new Set<E>([states.confirmed, states.cancelled, states.parked]);
  for (const s of steps) [s.from, s.onSuccess, s.onFailure].forEach((e) => e && known.add(e));
  const orphans = (Object.keys(table) as E[]).filter((e) => !known.has(e));
  if (orphans.length > 0) fail(`states no step reaches: ${orphans.join()}`);
  for (const e of [states.confirmed, states.cancelled]) {
    if (table[e].next.length > 0) fail(`${e} must be terminal`);
  }
  const used = new Set((Object.values(table) as StateRule<E, C>[]).map((r) => r.compensate));
  for (const c of Object.keys(spec.compensations) as C[]) {
    if (!used.has(c)) fail(`compensation ${c} is bound but no state uses it`);
  }
  for (const c of used) {
    if (c !== undefined && !(c in spec.compensations)) fail(`compensation ${c} is not bound`);
  }
}

/** Checks a saga against its table at load time and answers the engine's questions about it. */
export function defineSaga<E extends string, C extends string, D>(
  spec: SagaSpec<E, C, D>,
): SagaDefinition<E, C, D> {
  const first = spec.steps[0] ?? fail('a saga needs at least one step');
  const steps = withOutcomes(spec);
  const failures = steps.flatMap((s) => (s.onFailure ? [s.onFailure] : []));
  checkFailures(spec.table, spec.states, failures);
  checkCoverage(spec, steps);
  const { table, states } = spec;
  const isTerminal = (e: E): boolean => table[e].next.length === 0;
  const resting = new Set(restingStates(table, states));
  return {
    name: spec.name ?? 'saga',
    version: fingerprint(table, states, steps),
    table,
    states: { ...states, initial: first.from },
    steps,
    compensations: spec.compensations,
    canTransition: (from, to) => table[from].next.includes(to),
    isTerminal,
    isResting: (e) => resting.has(e),
    isFailure: (e) => failures.includes(e),
    compensationOf: (e) => table[e].compensate,
    stepFrom: (e) => steps.find((s) => s.from === e),
    stepFailingInto: (e) => steps.find((s) => s.onFailure === e),
  };
}
