import type { Logger } from '../../lib/logger.js';

/** Claims up to `room` abandoned sagas for this instance (their leases taken). */
export type ClaimAbandoned<R> = (room: number) => Promise<R[]>;

export interface RecoveryOptions<R> {
  /** How many sagas this instance drives now, and whether it is shutting down. */
  runner: { readonly size: number; readonly stopping: boolean };
  claim: ClaimAbandoned<R>;
  /** Drives one claimed saga on from where it was left (never waited for). */
  takeOver(row: R, takenAt: number): void;
  intervalMs: number;
  batch: number;
  maxInFlight: number;
  logger: Logger;
}

/**
 * Takes over sagas whose instance died (lease ran out) and drives them on from the
 * state they were left in. Runs at start-up and every interval, in small batches,
 * and never waits for the sagas it starts, so the API is never blocked by it. Which
 * sagas, and how they are driven, is the caller's: one worker per kind of saga.
 */
export class RecoveryWorker<R> {
  private timer: NodeJS.Timeout | undefined;
  private scanning: Promise<number> | undefined;
  private stopped = false;

  constructor(private readonly o: RecoveryOptions<R>) {}

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
      const rows = await this.o.claim(room);
      for (const row of rows) this.o.takeOver(row, takenAt);
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
