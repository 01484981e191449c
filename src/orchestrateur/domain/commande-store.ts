import type { Knex } from 'knex';
import { TransitionWriter } from '../data/transition-writer.js';
import type { CheckoutData } from './checkout-saga.js';
import type { CommandeState } from './commande-state.js';
import {
  IllegalTransition,
  type SagaStore,
  type Transition,
  TransitionConflict,
} from './saga-types.js';
import { canTransition, commitsAsync } from './transitions.js';

export interface StoreOptions {
  db: Knex;
  /** A pool whose sessions run with synchronous_commit = off (forward progress only). */
  asyncDb?: Knex;
  owner: string;
  leaseMs: number;
  /** Called once the transition is committed (metrics count only what is durable). */
  onCommitted(state: CommandeState, transition: Transition<CheckoutData>): void;
}

/** Persists checkout transitions with the guarded update (grouped under load). */
export class CommandeStore implements SagaStore<CheckoutData, CommandeState> {
  private readonly durable: TransitionWriter;
  private readonly fast: TransitionWriter;

  constructor(private readonly opts: StoreOptions) {
    this.durable = new TransitionWriter(opts.db);
    this.fast = opts.asyncDb ? new TransitionWriter(opts.asyncDb) : this.durable;
  }

  apply(current: CommandeState, t: Transition<CheckoutData>): Promise<CommandeState> {
    return this.write(current, t, false);
  }

  /** Operator resume: takes the saga over whichever instance last held it. */
  claim(current: CommandeState, t: Transition<CheckoutData>): Promise<CommandeState> {
    return this.write(current, t, true);
  }

  private async write(
    current: CommandeState,
    t: Transition<CheckoutData>,
    claim: boolean,
  ): Promise<CommandeState> {
    if (!canTransition(t.from, t.to)) throw new IllegalTransition(t.from, t.to);
    if (current.etat !== t.from) throw new TransitionConflict(current.id, t.from, t.to);
    const writer = commitsAsync(t.to) ? this.fast : this.durable;
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
    const next: CommandeState = {
      ...current,
      etat: t.to,
      data: { ...current.data, ...t.patch },
      echec: t.echec ?? current.echec,
      version: written.version,
      updated_at: written.at,
      historique: [...current.historique, { etat: t.to, at: written.at, detail: { ...t.detail } }],
    };
    this.opts.onCommitted(next, t);
    return next;
  }
}
