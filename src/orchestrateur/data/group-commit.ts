import type { Knex } from 'knex';
import {
  contextOf,
  currentSpanContext,
  inSpan,
  type Link,
  SpanKind,
  tracerOf,
} from '../../lib/tracing.js';
import { applyWrites, type SagaWrite, type Written } from './saga-writes.js';

interface Pending {
  write: SagaWrite;
  durable: boolean;
  /** The span that asked for the write (tracing on), which the batch's span links to. */
  span: Link['context'] | undefined;
  resolve(w: Written | undefined): void;
  reject(err: unknown): void;
}

export interface WriterPools {
  /** Sessions that wait for the WAL flush before a commit returns. */
  durable: Knex;
  /** Sessions that do not (synchronous_commit = off); the durable pool if absent. */
  fast?: Knex | undefined;
}

/**
 * Group commit for saga writes: writes requested while others are in flight go to the
 * database together in the next statement. Under load this turns one round trip and one
 * commit per write into one per batch; alone, a write goes at once. A batch holding one
 * write that must be durable is committed on the durable pool (the others gain a flush
 * they did not need); a batch of writes that may be lost in a crash of PostgreSQL is not
 * flushed. The guard is that of a single write; a row the database refuses is retried
 * alone, so the rest of its batch commits.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private inFlight = 0;
  private readonly traced = tracerOf('orchestrateur') !== undefined;

  constructor(
    private readonly pools: WriterPools,
    private readonly maxInFlight = 2,
    private readonly maxBatch = 200,
  ) {}

  /** Resolves with what was written, or undefined when it was not (row moved, key taken). */
  write(w: SagaWrite, durable: boolean): Promise<Written | undefined> {
    return new Promise((resolve, reject) => {
      const span = this.traced ? currentSpanContext() : undefined;
      this.queue.push({ write: w, durable, span, resolve, reject });
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
    const durable = batch.some((p) => p.durable) || !this.pools.fast;
    const db = durable ? this.pools.durable : (this.pools.fast as Knex);
    try {
      const written = await this.traceBatch(batch, durable, () =>
        applyWrites(
          db,
          batch.map((p) => p.write),
        ),
      );
      batch.forEach((p, i) => p.resolve(written[i]));
    } catch (err) {
      if (batch.length === 1) batch[0]?.reject(err);
      else await Promise.all(batch.map((p) => this.flush([p])));
    }
  }

  /**
   * One span per batch (one statement), linked to the span of each saga it carries; it
   * sits in the trace of the first of them (alone, a saga's write is its child).
   */
  private traceBatch<T>(batch: Pending[], durable: boolean, run: () => Promise<T>): Promise<T> {
    const tracer = this.traced ? tracerOf('orchestrateur') : undefined;
    const links = batch.flatMap((p) => (p.span ? [{ context: p.span }] : []));
    const first = batch[0]?.span;
    const options = {
      kind: SpanKind.CLIENT,
      links,
      attributes: {
        'db.system.name': 'postgresql',
        'db.operation.name': 'apply_saga_writes',
        'db.operation.batch.size': batch.length,
        'saga.write.durable': durable,
        'commande.ids': batch.map((p) => p.write.id),
      },
      ...(first ? { parent: contextOf(first) } : { root: true }),
    };
    return inSpan(tracer, 'saga write batch', options, run);
  }
}
