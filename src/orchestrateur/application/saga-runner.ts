import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Knex } from 'knex';
import type { Logger } from '../../lib/logger.js';
import { withContext } from '../../lib/request-context.js';
import {
  type RetrySettings,
  runSaga,
  SagaSuspended,
  TransitionConflict,
} from '../../saga/index.js';
import type { CheckoutSaga } from '../checkout/checkout-saga.js';
import type { Commande } from '../checkout/commande.js';
import {
  type CheckoutTransition,
  CommandeStore,
  KeyTaken,
  type WriteInfo,
} from '../data/commande-store.js';
import { releaseLeases, renewLeases, suspendSaga } from '../data/commandes-repo.js';
import type { CheckoutObserver } from './observer.js';

export interface SagaRunnerOptions {
  db: Knex;
  asyncDb: Knex;
  saga: CheckoutSaga;
  owner: string;
  leaseMs: number;
  /** See StoreOptions.writeBehindMs. */
  writeBehindMs: number;
  retry: RetrySettings;
  observer: CheckoutObserver;
  logger: Logger;
}

/** How this instance came to hold a saga's lease. */
export interface Lease {
  /** performance.now() when the statement that took (or renewed) the lease was sent. */
  takenAt: number;
  /** Taken from another (possibly stalled or dead) instance. */
  takenOver?: boolean;
}

/** This instance may have lost the saga: its lease ran out without a renewal it knows of. */
export class LeaseExpired extends Error {
  constructor(readonly sagaId: string) {
    super(`The lease on saga ${sagaId} may have run out; leaving it to whoever holds it`);
    this.name = 'LeaseExpired';
  }
}

interface Running {
  latest: Commande;
  done: Promise<Commande>;
  /** Resolves once the commande is in the database (or its saga stopped without it). */
  written: Promise<void>;
  markWritten: () => void;
  /** performance.now() past which this instance must not act on the saga any more. */
  leaseDeadline: number;
}

/**
 * Runs sagas in this instance: keeps their leases alive, stops acting on one whose lease
 * may have run out (a stall: another instance may own it now), knows which are in
 * flight, and on shutdown lets them finish for a grace period before handing the rest back.
 */
export class SagaRunner {
  private readonly running = new Map<string, Running>();
  private readonly abort = new AbortController();
  private readonly store: CommandeStore;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly opts: SagaRunnerOptions) {
    this.store = new CommandeStore({
      db: opts.db,
      asyncDb: opts.asyncDb,
      owner: opts.owner,
      leaseMs: opts.leaseMs,
      writeBehindMs: opts.writeBehindMs,
      onCommitted: (state, t, info) => this.committed(state, t, info),
    });
    // Every call in flight listens to this one signal; that is by design, not a leak.
    setMaxListeners(0, this.abort.signal);
    this.heartbeat = setInterval(() => void this.renew(), Math.max(50, opts.leaseMs / 3));
    this.heartbeat.unref();
  }

  get size(): number {
    return this.running.size;
  }

  get stopping(): boolean {
    return this.abort.signal.aborted;
  }

  /** The freshest state of a saga running here, if it is. */
  latest(id: string): Commande | undefined {
    return this.running.get(id)?.latest;
  }

  /** Resolves when the saga running here stops; undefined when it does not run here. */
  whenStopped(id: string): Promise<Commande> | undefined {
    return this.running.get(id)?.done;
  }

  /** Resolves once a saga running here is in the database (at once if it is not running here). */
  whenWritten(id: string): Promise<void> {
    return this.running.get(id)?.written ?? Promise.resolve();
  }

  /**
   * Drives the saga to its end; resolves with its last committed state, never rejects. A
   * new commande (version 0) is written by its first transition.
   */
  run(initial: Commande, lease: Lease): Promise<Commande> {
    const existing = this.running.get(initial.id);
    if (existing) return existing.done;
    let markWritten = (): void => undefined;
    const written = new Promise<void>((resolve) => (markWritten = resolve));
    if (initial.version > 0) markWritten();
    const entry: Running = {
      latest: initial,
      done: Promise.resolve(initial),
      written,
      markWritten,
      leaseDeadline: this.deadlineFrom(lease.takenAt),
    };
    this.running.set(initial.id, entry);
    this.opts.observer.running(this.running.size);
    const context = { commandeId: initial.id, sagaRequestId: randomUUID() };
    entry.done = withContext(context, () => this.drive(entry, lease.takenOver === true));
    return entry.done;
  }

  /** Operator resume: takes a parked saga over and moves it back to compensating. */
  claim(current: Commande, t: CheckoutTransition): Promise<Commande> {
    return this.store.claim(current, t);
  }

  /** A lease taken at `takenAt` is ours until this local time, with a margin for clocks. */
  private deadlineFrom(takenAt: number): number {
    const { leaseMs } = this.opts;
    return takenAt + leaseMs - Math.max(50, leaseMs / 10);
  }

  private async drive(entry: Running, takenOver: boolean): Promise<Commande> {
    const { logger } = this.opts;
    const id = entry.latest.id;
    logger.debug('saga driven', { etat: entry.latest.etat, takenOver });
    try {
      return await runSaga(
        this.opts.saga,
        entry.latest,
        {
          store: this.store,
          retry: this.opts.retry,
          observer: this.opts.observer,
          signal: this.abort.signal,
          assertOwner: () => {
            if (performance.now() > entry.leaseDeadline) throw new LeaseExpired(id);
          },
        },
        { takenOver },
      );
    } catch (err) {
      if (this.abort.signal.aborted) {
        logger.info('saga interrupted by shutdown', { etat: entry.latest.etat });
        await this.writeProgress(id);
      } else if (err instanceof SagaSuspended) {
        await this.writeProgress(id);
        await this.suspend(entry, err);
      } else if (err instanceof KeyTaken) {
        logger.info('another request with the same Idempotency-Key created the commande');
      } else if (err instanceof TransitionConflict || err instanceof LeaseExpired) {
        logger.warn('saga no longer ours; stopping here', { etat: entry.latest.etat, err });
      } else {
        // e.g. the database refused a write: hand the saga back at once so that recovery
        // (here or elsewhere) takes it up again; if even that fails, the lease runs out,
        // since only the sagas being driven have theirs renewed.
        logger.error('saga stopped on an unexpected error', { etat: entry.latest.etat, err });
        await this.writeProgress(id);
        await this.handBack(id);
      }
      return entry.latest;
    } finally {
      this.store.forget(id);
      entry.markWritten();
      this.running.delete(id);
      this.opts.observer.running(this.running.size);
    }
  }

  private committed(state: Commande, t: CheckoutTransition, info: WriteInfo): void {
    const entry = this.running.get(state.id);
    if (entry) {
      entry.latest = state;
      // A write that was not flushed may be lost with the lease it renewed (fencing).
      if (info.flushed) entry.leaseDeadline = this.deadlineFrom(info.startedAt);
      entry.markWritten();
    }
    this.opts.observer.committed(state, t, info.created);
  }

  /** Leaves the saga for an operator; if that cannot be written, recovery tries again. */
  private async suspend(entry: Running, err: SagaSuspended): Promise<void> {
    const suspension = {
      etape: err.step,
      code: err.lastError.code,
      message: err.lastError.message,
      tentatives: err.attempts,
      at: new Date().toISOString(),
    };
    try {
      if (await suspendSaga(this.opts.db, this.opts.owner, entry.latest.id, suspension)) {
        entry.latest = { ...entry.latest, suspension };
        this.opts.observer.suspended(entry.latest);
      }
    } catch (cause) {
      this.opts.logger.error('could not suspend the saga', { err: cause });
      await this.handBack(entry.latest.id);
    }
  }

  /** Writes the progress the store holds back, so the next driver starts from it. */
  private async writeProgress(id: string): Promise<void> {
    try {
      await this.store.flush(id);
    } catch (err) {
      this.opts.logger.warn("could not write the saga's last progress; it will be redone", { err });
    }
  }

  private async handBack(id: string): Promise<void> {
    try {
      await releaseLeases(this.opts.db, this.opts.owner, [id]);
    } catch (err) {
      this.opts.logger.warn('could not hand the saga back; its lease will run out', { err });
    }
  }

  private async renew(): Promise<void> {
    if (this.running.size === 0) return;
    const startedAt = performance.now();
    try {
      const ids = [...this.running.keys()];
      const renewed = await renewLeases(this.opts.db, this.opts.owner, ids, this.opts.leaseMs);
      for (const id of renewed) {
        const entry = this.running.get(id);
        if (entry) entry.leaseDeadline = this.deadlineFrom(startedAt);
      }
    } catch (err) {
      this.opts.logger.warn('lease renewal failed', { err });
    }
  }

  /**
   * Shutdown: waits up to graceMs for running sagas, interrupts the rest between two
   * attempts and releases their leases so another instance takes them at once.
   */
  async drain(graceMs: number): Promise<{ finished: number; released: number }> {
    const pending = [...this.running.values()].map((r) => r.done);
    const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
    await Promise.race([Promise.all(pending), timer]);
    const left = [...this.running.keys()];
    this.abort.abort(new Error('orchestrator shutting down'));
    await Promise.all(pending);
    clearInterval(this.heartbeat);
    const released = await releaseLeases(this.opts.db, this.opts.owner, left);
    return { finished: pending.length - left.length, released };
  }
}
