import type { Knex } from 'knex';
import {
  IllegalTransition,
  type SagaStore,
  type Transition,
  TransitionConflict,
} from '../../saga/index.js';
import type { CheckoutData, Commande, HistoriqueEntry } from '../checkout/commande.js';
import { type EtatCommande, transitions } from '../checkout/transitions.js';
import { commitsAsync } from './durability.js';
import { SagaWriter } from './saga-writer.js';
import type { Creation, SagaWrite, Written } from './saga-writes.js';

export type CheckoutTransition = Transition<EtatCommande, CheckoutData>;

export interface StoreOptions {
  db: Knex;
  /** A pool whose sessions commit without waiting for the WAL flush (see durability.ts). */
  asyncDb?: Knex;
  owner: string;
  leaseMs: number;
  /**
   * How long a transition that may be lost in a crash (durability.ts) waits to be written
   * with the saga's next one; 0 writes each at once.
   */
  writeBehindMs: number;
  /**
   * Called once a transition is committed, with when its write started (the lease it
   * renewed runs from then), whether it created the row, and whether it was flushed: a
   * write that was not may be lost in a crash of PostgreSQL, lease renewal included.
   */
  onCommitted(state: Commande, transition: CheckoutTransition, written: WriteInfo): void;
}

export interface WriteInfo {
  startedAt: number;
  created: boolean;
  flushed: boolean;
}

/** The first write of a new commande did not happen: its idempotency key is taken. */
export class KeyTaken extends Error {
  constructor(readonly sagaId: string) {
    super(`Commande ${sagaId} was not created: its Idempotency-Key is already used`);
    this.name = 'KeyTaken';
  }
}

interface Made {
  t: CheckoutTransition;
  /** performance.now() when the transition was made. */
  at: number;
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
  promise: Promise<Commande>;
}

/** How long before the write a transition was made (the last one is the write's own time). */
const ageOf = (m: Made, last: Made, startedAt: number): number =>
  m === last ? 0 : Math.round(startedAt - m.at);

const creationOf = (c: Commande): Creation | undefined =>
  c.origin && {
    client_id: c.data.client_id,
    magasin_id: c.data.magasin_id,
    idempotencyKey: c.origin.idempotencyKey,
    requestHash: c.origin.requestHash,
    ageMs: performance.now() - c.origin.startedAt,
  };

/** The state after `t`, its time `at` (for a saga's own view until the write confirms it). */
function advance(c: Commande, t: CheckoutTransition, at: Date, version: number): Commande {
  const { origin: _origin, ...rest } = c;
  return {
    ...rest,
    etat: t.to,
    data: { ...c.data, ...t.patch },
    echec: t.echec ?? c.echec,
    version,
    updated_at: at,
    historique: [...c.historique, { etat: t.to, at, detail: { ...t.detail } }],
  };
}

/**
 * Persists checkout transitions with the guarded update, grouped under load. A new
 * commande is written with its first transition: one flushed write holds its creation and
 * its cart snapshot, before any effect. Forward progress that may be lost in a crash
 * (durability.ts) is written with the saga's next write, or after `writeBehindMs`: a quick
 * saga costs that flushed creation and one flushed write at its end.
 */
export class CommandeStore implements SagaStore<EtatCommande, CheckoutData, Commande> {
  private readonly writer: SagaWriter;
  private readonly deferred = new Map<string, Deferred>();
  /** The write in flight per saga: the next one goes after it. */
  private readonly writing = new Map<string, Job>();
  /** Why a deferred write of a saga failed, raised at its next transition. */
  private readonly failed = new Map<string, unknown>();

  constructor(private readonly opts: StoreOptions) {
    this.writer = new SagaWriter({ durable: opts.db, fast: opts.asyncDb });
  }

  apply(current: Commande, t: CheckoutTransition): Promise<Commande> {
    return this.move(current, t, false);
  }

  /** Operator resume: takes the saga over whichever instance last held it. */
  claim(current: Commande, t: CheckoutTransition): Promise<Commande> {
    return this.move(current, t, true);
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
  }

  private async move(current: Commande, t: CheckoutTransition, claim: boolean): Promise<Commande> {
    if (!transitions[t.from].next.includes(t.to)) throw new IllegalTransition(t.from, t.to);
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
      return advance(current, t, new Date(), current.version + 1);
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
    const job: Job = { base, items, claim, followed: false, promise: Promise.resolve(base) };
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
      return this.write(job.base, job.items, job.claim);
    })();
    this.writing.set(base.id, job);
    void job.promise
      .finally(() => {
        if (this.writing.get(base.id) === job) this.writing.delete(base.id);
      })
      .catch(() => undefined);
    return job;
  }

  private async write(base: Commande, items: readonly Made[], claim: boolean): Promise<Commande> {
    const creation = creationOf(base);
    const startedAt = performance.now();
    const last = items.at(-1) as Made;
    const patch = Object.assign({}, ...items.map((m) => m.t.patch)) as Partial<CheckoutData>;
    const w: SagaWrite = {
      id: base.id,
      from: (items[0] as Made).t.from,
      steps: items.map((m) => ({
        etat: m.t.to,
        ageMs: ageOf(m, last, startedAt),
        detail: m.t.detail,
      })),
      owner: this.opts.owner,
      leaseMs: this.opts.leaseMs,
      claim,
      creation,
      totalCents: patch.total_cents,
      lignes: patch.lignes,
      echec: items.findLast((m) => m.t.echec)?.t.echec,
    };
    const durable = creation !== undefined || !items.every((m) => commitsAsync(m.t.to));
    const written = await this.writer.write(w, durable);
    if (!written && creation) throw new KeyTaken(base.id);
    if (!written) throw new TransitionConflict(base.id, w.from, last.t.to);
    const info = { startedAt, created: creation !== undefined, flushed: durable };
    return this.committed(base, items, written, info);
  }

  /** Tells of every transition written, with the times the database gave them. */
  private committed(
    base: Commande,
    items: readonly Made[],
    written: Written,
    info: WriteInfo,
  ): Commande {
    const created0 = { ...base.historique[0], at: written.createdAt } as HistoriqueEntry;
    let state = info.created
      ? { ...base, created_at: written.createdAt, historique: [created0] }
      : base;
    const last = items.at(-1) as Made;
    const first = written.version - items.length + 1;
    items.forEach((m, k) => {
      const at = new Date(written.at.getTime() - ageOf(m, last, info.startedAt));
      state = advance(state, m.t, at, first + k);
      this.opts.onCommitted(state, m.t, { ...info, created: info.created && k === 0 });
    });
    return state;
  }
}
