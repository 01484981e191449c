import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Logger } from '../../lib/logger.js';
import { withContext } from '../../lib/request-context.js';
import {
  type RetrySettings,
  runSaga,
  type SagaStore,
  SagaSuspended,
  TransitionConflict,
} from '../../saga/index.js';
import type { CheckoutData, Commande } from '../checkout/commande.js';
import type { EtatCommande } from '../checkout/transitions.js';
import type { CheckoutDefinitions } from '../checkout/versions.js';
import { type CommandeWrites, KeyTaken } from '../data/commande-writes.js';
import { LeaseExpired, type Leases } from './leases.js';
import type { CheckoutObserver } from './observer.js';

export interface SagaRunnerOptions {
  writes: CommandeWrites;
  leases: Leases;
  /** A saga is driven by the definition it started under, found here by its version. */
  definitions: CheckoutDefinitions;
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

/** A saga running here, as whoever started it sees it. */
export interface SagaHandle {
  readonly id: string;
  /** Its last committed state when it stops (finished, parked, suspended, or handed on). */
  readonly done: Promise<Commande>;
  /** Resolves once the commande is in the database (or its saga stopped without it). */
  readonly written: Promise<void>;
  /** Its last state the database holds (the initial one until its first write). */
  latest(): Commande;
}

/**
 * Runs sagas in this instance: drives each with the engine, stops acting on one whose
 * lease may have run out (a stall: another instance may own it now), knows which are in
 * flight, and on shutdown lets them finish for a grace period before handing the rest back.
 * Every write goes through CommandeWrites.
 */
export class SagaRunner {
  private readonly running = new Map<string, SagaHandle>();
  private readonly abort = new AbortController();
  private readonly leases: Leases;

  constructor(private readonly o: SagaRunnerOptions) {
    // Every call in flight listens to this one signal; that is by design, not a leak.
    setMaxListeners(0, this.abort.signal);
    this.leases = o.leases;
  }

  get size(): number {
    return this.running.size;
  }

  get stopping(): boolean {
    return this.abort.signal.aborted;
  }

  /** The saga if it runs here. */
  find(id: string): SagaHandle | undefined {
    return this.running.get(id);
  }

  /**
   * Drives the saga to its end (its `done` never rejects). A new commande (version 0) is
   * written by its first transition. A saga already running here is not started twice.
   */
  run(initial: Commande, lease: Lease): SagaHandle {
    const existing = this.running.get(initial.id);
    if (existing) return existing;
    let markWritten = (): void => undefined;
    const written = new Promise<void>((resolve) => (markWritten = resolve));
    if (initial.version > 0) markWritten();
    const id = initial.id;
    let last = initial;
    this.leases.hold(id, lease.takenAt);
    const context = { commandeId: id, sagaRequestId: randomUUID() };
    const done = withContext(context, () => this.drive(initial, lease, markWritten)).then(
      (final) => (last = final),
    );
    const latest = (): Commande => this.o.writes.latest(id) ?? last;
    const handle: SagaHandle = { id, done, written, latest };
    // drive() has not got past its first await yet: it finds the handle in place.
    this.running.set(id, handle);
    this.o.observer.running(this.running.size);
    return handle;
  }

  private async drive(initial: Commande, lease: Lease, markWritten: () => void): Promise<Commande> {
    const { logger, writes } = this.o;
    const id = initial.id;
    const latest = (): Commande => writes.latest(id) ?? initial;
    logger.debug('saga driven', { etat: initial.etat, takenOver: lease.takenOver === true });
    const store: SagaStore<EtatCommande, CheckoutData, Commande> = {
      apply: async (current, t) => {
        const { state, flushedAt } = await writes.write(current, t);
        if (flushedAt !== undefined) this.leases.hold(id, flushedAt);
        markWritten();
        return state;
      },
    };
    try {
      const deps = {
        store,
        retry: this.o.retry,
        observer: this.o.observer,
        signal: this.abort.signal,
        assertOwner: () => this.leases.assertHeld(id),
      };
      const saga = this.o.definitions.get(initial.definition.version);
      return await runSaga(saga, initial, deps, { takenOver: lease.takenOver === true });
    } catch (err) {
      await this.stopped(id, latest(), err);
      return latest();
    } finally {
      writes.forget(id);
      this.leases.drop(id);
      markWritten();
      this.running.delete(id);
      this.o.observer.running(this.running.size);
    }
  }

  /** Why the saga stopped short of resting, and what is left to write for it. */
  private async stopped(id: string, state: Commande, err: unknown): Promise<void> {
    const { logger } = this.o;
    if (this.abort.signal.aborted) {
      logger.info('saga interrupted by shutdown', { etat: state.etat });
      await this.writeProgress(id);
    } else if (err instanceof SagaSuspended) {
      await this.suspend(state, err);
    } else if (err instanceof KeyTaken) {
      logger.info('another request with the same Idempotency-Key created the commande');
    } else if (err instanceof TransitionConflict || err instanceof LeaseExpired) {
      logger.warn('saga no longer ours; stopping here', { etat: state.etat, err });
    } else {
      // e.g. the database refused a write: hand the saga back at once so that recovery
      // (here or elsewhere) takes it up again; if even that fails, the lease runs out,
      // since only the sagas being driven have theirs renewed.
      logger.error('saga stopped on an unexpected error', { etat: state.etat, err });
      await this.handBack(id);
    }
  }

  /** Leaves the saga for an operator; if that cannot be written, recovery tries again. */
  private async suspend(state: Commande, err: SagaSuspended): Promise<void> {
    const suspension = {
      etape: err.step,
      code: err.lastError.code,
      message: err.lastError.message,
      tentatives: err.attempts,
      at: new Date().toISOString(),
    };
    try {
      if (await this.o.writes.suspend(state, suspension)) {
        this.o.observer.suspended({ ...(this.o.writes.latest(state.id) ?? state), suspension });
      }
    } catch (cause) {
      this.o.logger.error('could not suspend the saga', { err: cause });
      await this.handBack(state.id);
    }
  }

  /** Writes the progress held back, so the next driver starts from it. */
  private async writeProgress(id: string): Promise<void> {
    try {
      await this.o.writes.flush(id);
    } catch (err) {
      this.o.logger.warn("could not write the saga's last progress; it will be redone", { err });
    }
  }

  private async handBack(id: string): Promise<void> {
    try {
      await this.o.writes.handBack([id]);
    } catch (err) {
      this.o.logger.warn('could not hand the saga back; its lease will run out', { err });
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
    this.leases.stop();
    const released = await this.o.writes.handBack(left);
    return { finished: pending.length - left.length, released };
  }
}
