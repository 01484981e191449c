import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Logger } from '../../lib/logger.js';
import { withContext } from '../../lib/request-context.js';
import {
  type DefinitionRegistry,
  type RetrySettings,
  runSaga,
  type SagaObserver,
  type SagaRecord,
  type SagaStore,
  SagaSuspended,
  type Suspension,
  type Transition,
  TransitionConflict,
} from '../../saga/index.js';
import { KeyTaken } from '../data/key-taken.js';
import { LeaseExpired, type Leases } from './leases.js';

/**
 * Where a saga's writes go (data/): checkout's CommandeWrites, or SagaRowWrites for the
 * sagas kept in the generic table. Guarded transitions, plus what the runner needs around
 * them: its last committed state, suspension, handing back.
 */
export interface SagaWriter<E extends string, D, S extends SagaRecord<E, D>> {
  write(current: S, t: Transition<E, D>): Promise<{ state: S; flushedAt: number | undefined }>;
  latest(id: string): S | undefined;
  flush(id: string): Promise<void>;
  forget(id: string): void;
  suspend(state: S, suspension: Suspension): Promise<boolean>;
  handBack(ids: readonly string[]): Promise<number>;
}

/** What the runner tells besides the engine's steps: how many run, and a suspension. */
export interface RunnerObserver<S> extends SagaObserver {
  running(n: number): void;
  suspended(state: S): void;
}

export interface SagaRunnerOptions<
  E extends string,
  C extends string,
  D,
  S extends SagaRecord<E, D>,
> {
  writes: SagaWriter<E, D, S>;
  leases: Leases;
  /** A saga is driven by the definition it started under, found here by its version. */
  definitions: DefinitionRegistry<E, C, D>;
  retry: RetrySettings;
  observer: RunnerObserver<S>;
  logger: Logger;
  /** The log context key of the saga's id (`commandeId`, `inscriptionId`). */
  contextKey?: string;
}

/** How this instance came to hold a saga's lease. */
export interface Lease {
  /** performance.now() when the statement that took (or renewed) the lease was sent. */
  takenAt: number;
  /** Taken from another (possibly stalled or dead) instance. */
  takenOver?: boolean;
}

/** A saga running here, as whoever started it sees it. */
export interface SagaHandle<S> {
  readonly id: string;
  /** Its last committed state when it stops (finished, parked, suspended, or handed on). */
  readonly done: Promise<S>;
  /** Resolves once the saga is in the database (or it stopped without being written). */
  readonly written: Promise<void>;
  /** Its last state the database holds (the initial one until its first write). */
  latest(): S;
}

/**
 * Runs sagas in this instance: drives each with the engine, stops acting on one whose
 * lease may have run out (a stall: another instance may own it now), knows which are in
 * flight, and on shutdown lets them finish for a grace period before handing the rest back.
 * Every write goes through its SagaWriter.
 */
export class SagaRunner<E extends string, C extends string, D, S extends SagaRecord<E, D>> {
  private readonly running = new Map<string, SagaHandle<S>>();
  private readonly abort = new AbortController();
  private readonly leases: Leases;

  constructor(private readonly o: SagaRunnerOptions<E, C, D, S>) {
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
  find(id: string): SagaHandle<S> | undefined {
    return this.running.get(id);
  }

  /**
   * Drives the saga to its end (its `done` never rejects). A new saga (version 0) is
   * written by its first transition. A saga already running here is not started twice.
   */
  run(initial: S, lease: Lease): SagaHandle<S> {
    const existing = this.running.get(initial.id);
    if (existing) return existing;
    let markWritten = (): void => undefined;
    const written = new Promise<void>((resolve) => (markWritten = resolve));
    if (initial.version > 0) markWritten();
    const id = initial.id;
    let last = initial;
    this.leases.hold(id, lease.takenAt);
    const context = { [this.o.contextKey ?? 'commandeId']: id, sagaRequestId: randomUUID() };
    const done = withContext(context, () => this.drive(initial, lease, markWritten)).then(
      (final) => (last = final),
    );
    const latest = (): S => this.o.writes.latest(id) ?? last;
    const handle: SagaHandle<S> = { id, done, written, latest };
    // drive() has not got past its first await yet: it finds the handle in place.
    this.running.set(id, handle);
    this.o.observer.running(this.running.size);
    return handle;
  }

  private async drive(initial: S, lease: Lease, markWritten: () => void): Promise<S> {
    const { logger, writes } = this.o;
    const id = initial.id;
    const latest = (): S => writes.latest(id) ?? initial;
    logger.debug('saga driven', { etat: initial.etat, takenOver: lease.takenOver === true });
    const store: SagaStore<E, D, S> = {
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
  private async stopped(id: string, state: S, err: unknown): Promise<void> {
    const { logger } = this.o;
    if (this.abort.signal.aborted) {
      logger.info('saga interrupted by shutdown', { etat: state.etat });
      await this.writeProgress(id);
    } else if (err instanceof SagaSuspended) {
      await this.suspend(state, err);
    } else if (err instanceof KeyTaken) {
      logger.info('another request with the same Idempotency-Key created the saga');
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
  private async suspend(state: S, err: SagaSuspended): Promise<void> {
    const suspension: Suspension = {
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
