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
import { TransitionWriter } from './transition-writer.js';

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
  onCommitted(state: Commande, transition: CheckoutTransition, startedAt: number): void;
}

/** Persists checkout transitions with the guarded update (grouped under load). */
export class CommandeStore implements SagaStore<EtatCommande, CheckoutData, Commande> {
  private readonly durable: TransitionWriter;
  private readonly fast: TransitionWriter;

  constructor(private readonly opts: StoreOptions) {
    this.durable = new TransitionWriter(opts.db);
    this.fast = opts.asyncDb ? new TransitionWriter(opts.asyncDb) : this.durable;
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
    const writer = commitsAsync(t.to) ? this.fast : this.durable;
    const startedAt = performance.now();
    const written = await writer.write({
      id: current.id,
      from: t.from,
      to: t.to,
      owner: this.opts.owner,
      leaseMs: this.opts.leaseMs,
      claim,
      totalCents: t.patch?.total_cents,
      lignes: t.patch?.lignes,
      echec: t.echec,
      detail: t.detail,
    });
    if (!written) throw new TransitionConflict(current.id, t.from, t.to);
    const next: Commande = {
      ...current,
      etat: t.to,
      data: { ...current.data, ...t.patch },
      echec: t.echec ?? current.echec,
      version: written.version,
      updated_at: written.at,
      historique: [...current.historique, { etat: t.to, at: written.at, detail: { ...t.detail } }],
    };
    this.opts.onCommitted(next, t, startedAt);
    return next;
  }
}
