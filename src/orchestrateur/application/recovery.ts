import type { Knex } from 'knex';
import type { Logger } from '../../lib/logger.js';
import { toCommande } from '../data/commande-rows.js';
import { claimAbandoned } from '../data/commandes-repo.js';
import type { CheckoutObserver } from './observer.js';
import type { CheckoutDefinitions } from '../checkout/versions.js';
import type { SagaRunner } from './saga-runner.js';

export interface RecoveryOptions {
  db: Knex;
  runner: SagaRunner;
  /** Only sagas of these versions are taken over. */
  definitions: CheckoutDefinitions;
  owner: string;
  leaseMs: number;
  intervalMs: number;
  batch: number;
  maxInFlight: number;
  observer: CheckoutObserver;
  logger: Logger;
}

/**
 * Takes over sagas whose instance died (lease ran out) and drives them on from the
 * state they were left in. Runs at start-up and every interval, in small batches,
 * and never waits for the sagas it starts, so the API is never blocked by it.
 */
export class RecoveryWorker {
  private timer: NodeJS.Timeout | undefined;
  private scanning: Promise<number> | undefined;
  private stopped = false;

  constructor(private readonly o: RecoveryOptions) {}

  start(): void {
    void this.tick();
  }

  /** One scan; resolves with the number of sagas taken over. */
  scanOnce(): Promise<number> {
    this.scanning ??= this.scan().finally(() => {
      this.scanning = undefined;
    });
    return this.scanning;
  }

  private async tick(): Promise<void> {
    await this.scanOnce();
    if (!this.stopped) {
      this.timer = setTimeout(() => void this.tick(), this.o.intervalMs);
      this.timer.unref();
    }
  }

  private async scan(): Promise<number> {
    const room = Math.min(this.o.batch, this.o.maxInFlight - this.o.runner.size);
    if (this.stopped || this.o.runner.stopping || room <= 0) return 0;
    try {
      const takenAt = performance.now();
      const { db, owner, leaseMs, definitions } = this.o;
      const rows = await claimAbandoned(db, owner, leaseMs, room, definitions.versions);
      for (const row of rows) {
        this.o.observer.recovered(row);
        // Traced: a new trace linked to the one the saga started in (issue 18, traces).
        this.o.observer.recovering(row, () =>
          this.o.runner.run(toCommande(row, []), { takenAt, takenOver: true }),
        );
      }
      return rows.length;
    } catch (err) {
      this.o.logger.warn('recovery scan failed', { err });
      return 0;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.scanning;
  }
}
