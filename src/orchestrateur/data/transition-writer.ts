import type { Knex } from 'knex';
import { applyTransitions, type TransitionWrite, type Written } from './commandes-repo.js';

interface Pending {
  write: TransitionWrite;
  resolve(w: Written | undefined): void;
  reject(err: unknown): void;
}

/**
 * Group commit for saga transitions: transitions requested while a write is in flight go
 * to the database together in the next statement. Under load this turns one round trip
 * and one commit per transition into one per batch; alone, a transition is written at
 * once. Durability and the guard are those of a single write.
 */
export class TransitionWriter {
  private queue: Pending[] = [];
  private inFlight = 0;

  constructor(
    private readonly db: Knex,
    private readonly maxInFlight = 2,
    private readonly maxBatch = 200,
  ) {}

  /** Resolves with the new version, or undefined when the row was not in `from`. */
  write(t: TransitionWrite): Promise<Written | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.push({ write: t, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      void this.flush(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async flush(batch: Pending[]): Promise<void> {
    try {
      const written = await applyTransitions(
        this.db,
        batch.map((p) => p.write),
      );
      batch.forEach((p, i) => p.resolve(written[i]));
    } catch (err) {
      if (batch.length === 1) batch[0]?.reject(err);
      // One row the database refuses must not fail the others: write them one by one.
      else await Promise.all(batch.map((p) => this.flush([p])));
    }
  }
}
