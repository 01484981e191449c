import type { Logger } from '../../lib/logger.js';

/** This instance may have lost the saga: its lease ran out without a renewal it knows of. */
export class LeaseExpired extends Error {
  constructor(readonly sagaId: string) {
    super(`The lease on saga ${sagaId} may have run out; leaving it to whoever holds it`);
    this.name = 'LeaseExpired';
  }
}

export interface LeaseOptions {
  /** Renews the leases of these sagas; answers those still ours. */
  writes: { renew(ids: readonly string[]): Promise<string[]> };
  leaseMs: number;
  logger: Logger;
}

/**
 * The leases of the sagas this instance drives: one statement every lease/3 renews them
 * all, and for each the local time until which it surely holds it (fencing). That time
 * moves only with what PostgreSQL surely holds: the claim, a renewal, a flushed write.
 */
export class Leases {
  /** performance.now() past which this instance must not act on the saga any more. */
  private readonly deadlines = new Map<string, number>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly o: LeaseOptions) {
    this.heartbeat = setInterval(() => void this.renew(), Math.max(50, o.leaseMs / 3));
    this.heartbeat.unref();
  }

  /** A lease taken (or renewed) by a statement sent at `takenAt` is ours until then. */
  hold(id: string, takenAt: number): void {
    const { leaseMs } = this.o;
    this.deadlines.set(id, takenAt + leaseMs - Math.max(50, leaseMs / 10));
  }

  drop(id: string): void {
    this.deadlines.delete(id);
  }

  /** Throws when this instance may no longer act on the saga (before every attempt). */
  assertHeld(id: string): void {
    if (performance.now() > (this.deadlines.get(id) ?? 0)) throw new LeaseExpired(id);
  }

  stop(): void {
    clearInterval(this.heartbeat);
  }

  private async renew(): Promise<void> {
    if (this.deadlines.size === 0) return;
    const startedAt = performance.now();
    try {
      for (const id of await this.o.writes.renew([...this.deadlines.keys()])) {
        if (this.deadlines.has(id)) this.hold(id, startedAt);
      }
    } catch (err) {
      this.o.logger.warn('lease renewal failed', { err });
    }
  }
}
