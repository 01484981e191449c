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
