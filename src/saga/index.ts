/** The generic saga engine: a transition table and a list of steps in, a driven saga out. */
export { asStepError } from './attempts.js';
export { cancelTarget, compensationPlan, resumeTarget } from './compensation.js';
export {
  type CompensationFn,
  defineSaga,
  restingStates,
  type SagaDefinition,
  type SagaSpec,
  type SagaStates,
  type SagaStep,
  type StateRule,
  type StepSpec,
  type TransitionTable,
} from './definition.js';
export { mermaidStateDiagram } from './diagram.js';
export type { DefinitionRef, HistoryEntry, Origin, SagaRecord, Suspension } from './record.js';
export { IllegalTransition, SagaSuspended, TransitionConflict } from './errors.js';
export { DefinitionRegistry, UnknownVersion } from './registry.js';
export { backoffDelay, sleep } from './retry.js';
export { type RunOptions, runSaga, type SagaDeps } from './run-saga.js';
export { fingerprint } from './version.js';
export * from './types.js';
