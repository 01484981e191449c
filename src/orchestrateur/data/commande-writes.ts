import type { Knex } from 'knex';
import { IllegalTransition, type SagaStore, TransitionConflict } from '../../saga/index.js';
import type { CheckoutData, Commande, Suspension } from '../checkout/commande.js';
import type { EtatCommande } from '../checkout/transitions.js';
import type { CheckoutDefinitions } from '../checkout/versions.js';
import { releaseLeases, renewLeases, suspendSaga } from './commandes-repo.js';
import { commitsAsync } from './durability.js';
import { KeyTaken } from './key-taken.js';
import type { GroupCommit } from './group-commit.js';
import {
  advance,
  batchOf,
  type CheckoutTransition,
  committedStates,
  type Made,
} from './transition-batch.js';

export type { CheckoutTransition } from './transition-batch.js';
export { KeyTaken } from './key-taken.js';

export interface CommandeWritesOptions {
  db: Knex;
  /** Sends the transitions of every saga, grouped (flushed or not, see durability.ts). */
  group: GroupCommit;
  /** Each transition is checked against the table of the definition its saga started under. */
  definitions: CheckoutDefinitions;
  owner: string;
  leaseMs: number;
  /**
   * How long a transition that may be lost in a crash (durability.ts) waits to be written
   * with the saga's next one; 0 writes each at once.
   */
  writeBehindMs: number;
  /** A transition committed (metrics count only what is durable); `created`: its first write. */
  onCommitted(state: Commande, transition: CheckoutTransition, created: boolean): void;
}

/** What a write did: the saga's state after it, and whether the database surely holds it. */
export interface WriteResult {
  state: Commande;
  /**
   * performance.now() when the flushed write that holds it (and renewed the lease) was sent;
   * undefined when it is held back or committed without a flush (a crash may lose it).
   */
  flushedAt: number | undefined;
}

/** Transitions of one saga not written yet, from the state the database holds. */
interface Deferred {
  base: Commande;
  items: Made[];
  timer: NodeJS.Timeout;
}

/** One write of a saga: `items` in order from `base`. */
interface Job {
  base: Commande;
  items: readonly Made[];
  claim: boolean;
  /** A later write of the saga waits for this one (and takes its items over if it fails). */
  followed: boolean;
  promise: Promise<WriteResult>;
}

/**
 * Every write of a commande whose saga runs here goes through this one object: transitions
 * (guarded, grouped under load, forward progress held back), suspension, handing back,
 * lease renewal and release. A new commande is written with its first transition: one
 * flushed write holds its creation and its cart snapshot, before any effect. Forward
 * progress that may be lost in a crash (durability.ts) is written with the saga's next
 * write, or after `writeBehindMs`: a quick saga costs that creation and one write at its end.
 */
export class CommandeWrites implements SagaStore<EtatCommande, CheckoutData, Commande> {
  private readonly deferred = new Map<string, Deferred>();
  /** The write in flight per saga: the next one goes after it. */
  private readonly writing = new Map<string, Job>();
  /** Why a deferred write of a saga failed, raised at its next transition. */
  private readonly failed = new Map<string, unknown>();
  /** The last committed state of each saga driven here. */
  private readonly committed = new Map<string, Commande>();

  constructor(private readonly opts: CommandeWritesOptions) {}

  async apply(current: Commande, t: CheckoutTransition): Promise<Commande> {
    return (await this.write(current, t)).state;
  }

  write(current: Commande, t: CheckoutTransition): Promise<WriteResult> {
    return this.move(current, t, false);
  }

  /** Operator actions: takes the saga over whichever instance last held it. */
  async claim(current: Commande, t: CheckoutTransition): Promise<Commande> {
    return (await this.move(current, t, true)).state;
  }

  /** The last state of a saga driven here that the database holds. */
  latest(id: string): Commande | undefined {
    return this.committed.get(id);
  }

  /** Writes what the saga has not written yet (before it stops, is suspended or handed back). */
  async flush(id: string): Promise<void> {
    const d = this.take(id);
    if (d) await this.send(d.base, d.items, false).promise;
    await this.writing.get(id)?.promise;
  }

  /** The saga is not driven here any more: drop what was not written. */
  forget(id: string): void {
    this.take(id);
    this.failed.delete(id);
    this.committed.delete(id);
  }

  /** Leaves the saga for an operator, its progress written first; false if no longer ours. */
  async suspend(c: Commande, suspension: Suspension): Promise<boolean> {
    await this.flush(c.id);
    return suspendSaga(this.opts.db, this.opts.owner, c.id, suspension);
  }

  /** Gives sagas back at once (an error, or shutdown), their progress written first. */
  async handBack(ids: readonly string[]): Promise<number> {
    await Promise.allSettled(ids.map((id) => this.flush(id)));
    return releaseLeases(this.opts.db, this.opts.owner, ids);
  }

  /** Renews the leases of the sagas driven here; returns those still ours. */
  renew(ids: readonly string[]): Promise<string[]> {
    return renewLeases(this.opts.db, this.opts.owner, ids, this.opts.leaseMs);
  }

  private async move(current: Commande, t: CheckoutTransition, claim: boolean) {
    const def = this.opts.definitions.get(current.definition.version);
    if (!def.canTransition(t.from, t.to)) throw new IllegalTransition(t.from, t.to);
    if (current.etat !== t.from) throw new TransitionConflict(current.id, t.from, t.to);
    const failure = this.failed.get(current.id);
    if (failure !== undefined) {
      this.failed.delete(current.id);
      throw failure;
    }
    const made: Made = { t, at: performance.now() };
    const deferrable = current.version > 0 && !claim && commitsAsync(t.to);
    if (deferrable && this.opts.writeBehindMs > 0) {
      this.defer(current, made);
      const state = advance(current, t, new Date(), current.version + 1);
      return { state, flushedAt: undefined };
    }
    const d = this.take(current.id);
    return this.send(d?.base ?? current, [...(d?.items ?? []), made], claim).promise;
  }

  private defer(current: Commande, made: Made): void {
    const d = this.deferred.get(current.id);
    if (d) {
      d.items.push(made);
      return;
    }
    const timer = setTimeout(() => void this.writeDeferred(current.id), this.opts.writeBehindMs);
    this.deferred.set(current.id, { base: current, items: [made], timer });
  }

  private take(id: string): Deferred | undefined {
    const d = this.deferred.get(id);
    if (d) {
      clearTimeout(d.timer);
      this.deferred.delete(id);
    }
    return d;
  }

  /** The saga took its time: write its progress now, so that it shows. */
  private async writeDeferred(id: string): Promise<void> {
    const d = this.take(id);
    if (!d) return;
    const job = this.send(d.base, d.items, false);
    try {
      await job.promise;
    } catch (err) {
      // Not ours any more: say so at its next step. Refused otherwise: the write queued
      // behind it carries these items; with none queued, they go with the saga's next one.
      if (err instanceof TransitionConflict) this.failed.set(id, err);
      else if (!job.followed) this.requeue(id, d);
    }
  }

  private requeue(id: string, d: Deferred): void {
    const later = this.take(id);
    const items = [...d.items, ...(later?.items ?? [])];
    const timer = setTimeout(() => void this.writeDeferred(id), this.opts.writeBehindMs);
    this.deferred.set(id, { base: d.base, items, timer });
  }

  /**
   * One write of `items` (in order) from `base`, after the saga's write in flight. When
   * that one fails for any reason but a conflict, this one writes its items too, from its
   * base: the database holds neither, and a guard built on the saga's own view would not
   * match the row.
   */
  private send(base: Commande, items: readonly Made[], claim: boolean): Job {
    const previous = this.writing.get(base.id);
    if (previous) previous.followed = true;
    const job = { base, items, claim, followed: false } as Job;
    job.promise = (async () => {
      const failure = await previous?.promise.then(
        () => undefined,
        (err: unknown) => err ?? new Error('write failed'),
      );
      if (failure instanceof TransitionConflict || failure instanceof KeyTaken) throw failure;
      if (failure !== undefined && previous) {
        job.base = previous.base;
        job.items = [...previous.items, ...items];
        job.claim = claim || previous.claim;
      }
      return this.sendNow(job.base, job.items, job.claim);
    })();
    this.writing.set(base.id, job);
    void job.promise
      .finally(() => {
        if (this.writing.get(base.id) === job) this.writing.delete(base.id);
      })
      .catch(() => undefined);
    return job;
  }

  private async sendNow(base: Commande, items: readonly Made[], claim: boolean) {
    const startedAt = performance.now();
    const { owner, leaseMs } = this.opts;
    const batch = batchOf(base, items, claim, { owner, leaseMs }, startedAt);
    const flushed = batch.creation !== undefined || !items.every((m) => commitsAsync(m.t.to));
    const written = await this.opts.group.write(batch, flushed);
    const last = (items.at(-1) as Made).t;
    if (!written && batch.creation) throw new KeyTaken(base.id);
    if (!written) throw new TransitionConflict(base.id, batch.from, last.to);
    const state = committedStates(base, items, written, startedAt, (s, t, created) =>
      this.opts.onCommitted(s, t, created),
    );
    this.committed.set(base.id, state);
    return { state, flushedAt: flushed ? startedAt : undefined };
  }
}
