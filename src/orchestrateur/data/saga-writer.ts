import type { Knex } from 'knex';
import { applyWrites, type SagaWrite, type Written } from './saga-writes.js';

interface Pending {
  write: SagaWrite;
  resolve(w: Written | undefined): void;
  reject(err: unknown): void;
}

/**
 * Group commit for saga writes (creations and transitions): writes requested while one is
 * in flight go to the database together in the next statement. Under load this turns one
 * round trip and one commit per write into one per batch; alone, a write goes at once.
 * Durability and the guard are those of a single write.
 */
export class SagaWriter {
  private queue: Pending[] = [];
  private inFlight = 0;

  constructor(
    private readonly db: Knex,
    private readonly maxInFlight = 2,
    private readonly maxBatch = 200,
  ) {}

  /** Resolves with the new version, or undefined when the write did not happen (row moved, key taken). */
  write(t: SagaWrite): Promise<Written | undefined> {
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
      const written = await applyWrites(
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
