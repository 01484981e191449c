/** The first write of a new saga did not happen: its idempotency key is taken. */
export class KeyTaken extends Error {
  constructor(readonly sagaId: string) {
    super(`Saga ${sagaId} was not created: its Idempotency-Key is already used`);
    this.name = 'KeyTaken';
  }
}
