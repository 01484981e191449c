/** The row was no longer in the expected state (or no longer ours): someone else moved first. */
export class TransitionConflict extends Error {
  constructor(
    readonly sagaId: string,
    readonly from: string,
    readonly to: string,
  ) {
    super(`Saga ${sagaId} is no longer ${from} (or no longer ours); ${to} not applied`);
    this.name = 'TransitionConflict';
  }
}

/** A transition the table does not allow; refused before any SQL. */
export class IllegalTransition extends Error {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`Transition ${from} → ${to} is not allowed`);
    this.name = 'IllegalTransition';
  }
}

/**
 * A step that may not give up (a pivot whose outcome is unknown, a step past it) kept
 * failing past its budget: the saga stops where it is and waits for an operator.
 */
export class SagaSuspended extends Error {
  constructor(
    readonly sagaId: string,
    readonly step: string,
    readonly lastError: { code: string; message: string },
    readonly attempts: number,
  ) {
    super(`Saga ${sagaId}: step ${step} still failing after ${attempts} attempts`);
    this.name = 'SagaSuspended';
  }
}
