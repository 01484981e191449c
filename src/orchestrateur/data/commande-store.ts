import type { Knex } from 'knex';
import {
  IllegalTransition,
  type SagaStore,
  type Transition,
  TransitionConflict,
} from '../../saga/index.js';
import type { CheckoutData, Commande } from '../checkout/commande.js';
import { type EtatCommande, transitions } from '../checkout/transitions.js';
import { commitsAsync } from './durability.js';
import { SagaWriter } from './saga-writer.js';
import type { Creation } from './saga-writes.js';

export type CheckoutTransition = Transition<EtatCommande, CheckoutData>;

export interface StoreOptions {
  db: Knex;
  /** A pool whose sessions commit without waiting for the WAL flush (see durability.ts). */
  asyncDb?: Knex;
  owner: string;
  leaseMs: number;
  /**
   * Called once the transition is committed (metrics count only what is durable), with
   * when its write started: the lease it renewed runs from then.
   */
  onCommitted(
    state: Commande,
    transition: CheckoutTransition,
    startedAt: number,
    created: boolean,
  ): void;
}

/** The first write of a new commande did not happen: its idempotency key is taken. */
export class KeyTaken extends Error {
  constructor(readonly sagaId: string) {
    super(`Commande ${sagaId} was not created: its Idempotency-Key is already used`);
    this.name = 'KeyTaken';
  }
}

const creationOf = (c: Commande): Creation | undefined =>
  c.origin && {
    client_id: c.data.client_id,
    magasin_id: c.data.magasin_id,
    idempotencyKey: c.origin.idempotencyKey,
    requestHash: c.origin.requestHash,
    ageMs: performance.now() - c.origin.startedAt,
  };

/**
 * Persists checkout transitions with the guarded update (grouped under load). A new
 * commande is written for the first time with its first transition: one flushed write
 * holds its creation and its cart snapshot, before any effect.
 */
export class CommandeStore implements SagaStore<EtatCommande, CheckoutData, Commande> {
  private readonly durable: SagaWriter;
  private readonly fast: SagaWriter;

  constructor(private readonly opts: StoreOptions) {
    this.durable = new SagaWriter(opts.db);
    this.fast = opts.asyncDb ? new SagaWriter(opts.asyncDb) : this.durable;
  }

  apply(current: Commande, t: CheckoutTransition): Promise<Commande> {
    return this.write(current, t, false);
  }

  /** Operator resume: takes the saga over whichever instance last held it. */
  claim(current: Commande, t: CheckoutTransition): Promise<Commande> {
    return this.write(current, t, true);
  }

  private async write(current: Commande, t: CheckoutTransition, claim: boolean): Promise<Commande> {
    if (!transitions[t.from].next.includes(t.to)) throw new IllegalTransition(t.from, t.to);
    if (current.etat !== t.from) throw new TransitionConflict(current.id, t.from, t.to);
    const creation = creationOf(current);
    const writer = commitsAsync(t.to) && !creation ? this.fast : this.durable;
    const startedAt = performance.now();
    const written = await writer.write({
      id: current.id,
      from: t.from,
      to: t.to,
      owner: this.opts.owner,
      leaseMs: this.opts.leaseMs,
      claim,
      creation,
      totalCents: t.patch?.total_cents,
      lignes: t.patch?.lignes,
      echec: t.echec,
      detail: t.detail,
    });
    if (!written && creation) throw new KeyTaken(current.id);
    if (!written) throw new TransitionConflict(current.id, t.from, t.to);
    const { origin: _written, ...rest } = current;
    const historique = creation
      ? [{ etat: t.from, at: written.createdAt, detail: {} }]
      : current.historique;
    const next: Commande = {
      ...rest,
      etat: t.to,
      data: { ...current.data, ...t.patch },
      echec: t.echec ?? current.echec,
      version: written.version,
      created_at: written.createdAt,
      updated_at: written.at,
      historique: [...historique, { etat: t.to, at: written.at, detail: { ...t.detail } }],
    };
    this.opts.onCommitted(next, t, startedAt, creation !== undefined);
    return next;
  }
}
