import { setMaxListeners } from 'node:events';
import type { Knex } from 'knex';
import type { Logger } from '../../lib/logger.js';
import { withContext } from '../../lib/request-context.js';
import { type RetrySettings, runSaga, TransitionConflict } from '../../saga/index.js';
import type { CheckoutSaga } from '../checkout/checkout-saga.js';
import type { Commande } from '../checkout/commande.js';
import { type CheckoutTransition, CommandeStore } from '../data/commande-store.js';
import { releaseLeases, renewLeases } from '../data/commandes-repo.js';
import type { CheckoutObserver } from './observer.js';

export interface SagaRunnerOptions {
  db: Knex;
  asyncDb: Knex;
  saga: CheckoutSaga;
  owner: string;
  leaseMs: number;
  retry: RetrySettings;
  observer: CheckoutObserver;
  logger: Logger;
}

interface Running {
  latest: Commande;
  done: Promise<Commande>;
}

/**
 * Runs sagas in this instance: keeps their leases alive, knows which are in flight,
 * and on shutdown lets them finish for a grace period before handing the rest back.
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
      onCommitted: (state, t) => this.committed(state, t),
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

  /** Drives the saga to its end; resolves with its last committed state, never rejects. */
  run(initial: Commande): Promise<Commande> {
    const existing = this.running.get(initial.id);
    if (existing) return existing.done;
    const entry: Running = { latest: initial, done: Promise.resolve(initial) };
    this.running.set(initial.id, entry);
    this.opts.observer.running(this.running.size);
    entry.done = withContext({ commandeId: initial.id }, () => this.drive(entry));
    return entry.done;
  }

  /** Operator resume: takes a parked saga over and moves it back to compensating. */
  claim(current: Commande, t: CheckoutTransition): Promise<Commande> {
    return this.store.claim(current, t);
  }

  private async drive(entry: Running): Promise<Commande> {
    const { logger } = this.opts;
    try {
      return await runSaga(this.opts.saga, entry.latest, {
        store: this.store,
        retry: this.opts.retry,
        observer: this.opts.observer,
        signal: this.abort.signal,
      });
    } catch (err) {
      if (this.abort.signal.aborted) {
        logger.info('saga interrupted by shutdown', { etat: entry.latest.etat });
      } else if (err instanceof TransitionConflict) {
        logger.info('saga taken over elsewhere; stopping here', { etat: entry.latest.etat });
      } else {
        // e.g. the database refused a write: hand the saga back at once so that recovery
        // (here or elsewhere) takes it up again; if even that fails, the lease runs out,
        // since only the sagas being driven have theirs renewed.
        logger.error('saga stopped on an unexpected error', { etat: entry.latest.etat, err });
        await this.handBack(entry.latest.id);
      }
      return entry.latest;
    } finally {
      this.running.delete(entry.latest.id);
      this.opts.observer.running(this.running.size);
    }
  }

  private committed(state: Commande, t: CheckoutTransition): void {
    const entry = this.running.get(state.id);
    if (entry) entry.latest = state;
    this.opts.observer.committed(state, t);
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
    try {
      const ids = [...this.running.keys()];
      await renewLeases(this.opts.db, this.opts.owner, ids, this.opts.leaseMs);
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
