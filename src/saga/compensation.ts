import type { SagaDefinition } from './definition.js';
import type { Echec } from './types.js';

/**
 * What must be undone once the step that failed into `failureState` failed: every
 * compensable state reached before it, newest first, plus the state the step was heading
 * for when its effect is unknown: a technical failure, or a refusal that followed an
 * attempt whose outcome was unknown (that attempt may land late; its null compensation
 * leaves the tombstone that refuses it).
 */
export function compensationPlan<E extends string, C extends string, D>(
  def: SagaDefinition<E, C, D>,
  failureState: E,
  echec: Echec | null,
): C[] {
  const k = def.steps.findIndex((s) => s.onFailure === failureState);
  const failed = def.steps[k];
  if (!failed) throw new Error(`No step fails into ${failureState}`);
  const reached = def.steps.slice(0, k + 1).map((s) => s.from);
  const refusedCleanly = echec?.type === 'METIER' && !echec.incertain;
  const states = refusedCleanly ? reached : [...reached, failed.onSuccess];
  return states
    .reverse()
    .map((e) => def.compensationOf(e))
    .filter((c): c is C => c !== undefined);
}

/** The failure state an operator's resume moves a parked saga back to. */
export function resumeTarget<E extends string, C extends string, D>(
  def: SagaDefinition<E, C, D>,
  echec: Echec | null,
): E {
  const target = def.steps.find((s) => s.name === echec?.etape)?.onFailure;
  if (target === undefined) {
    throw new Error(`Cannot tell which step failed (${echec?.etape ?? 'none'})`);
  }
  return target;
}

/**
 * Where an operator's cancel sends a saga that waits in a forward état: the failure state
 * of the step it waits on, if that step may still fail (before the pivot). Undefined past
 * it: a pivot whose outcome is unknown may stand, and nothing undoes it.
 */
export function cancelTarget<E extends string, C extends string, D>(
  def: SagaDefinition<E, C, D>,
  etat: E,
): E | undefined {
  const step = def.stepFrom(etat);
  return step?.retry === 'bounded' ? step.onFailure : undefined;
}
