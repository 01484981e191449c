import type { Knex } from 'knex';
import { currentTraceparent } from '../../lib/tracing.js';
import {
  type DefinitionRegistry,
  IllegalTransition,
  type SagaRecord,
  type Suspension,
  type Transition,
  TransitionConflict,
} from '../../saga/index.js';
import { KeyTaken } from './key-taken.js';
import { leaseStatements } from './lease-statements.js';
import { type SagaRowWrite, type SagaWritten, writeSaga } from './sagas-repo.js';

const leases = leaseStatements('sagas');

export interface SagaRowWritesOptions<E extends string, C extends string, D> {
  db: Knex;
  /** Each transition is checked against the table of the definition its saga started under. */
  definitions: DefinitionRegistry<E, C, D>;
  owner: string;
  leaseMs: number;
  /** A transition committed; `created`: its first write. */
  onCommitted?(state: SagaRecord<E, D>, t: Transition<E, D>, created: boolean): void;
}

/** The state after `t`, written at `at` as `version`. */
function advance<E extends string, D>(
  s: SagaRecord<E, D>,
  t: Transition<E, D>,
  at: Date,
  version: number,
): SagaRecord<E, D> {
  const { origin: _origin, ...rest } = s;
  return {
    ...rest,
    etat: t.to,
    data: { ...s.data, ...t.patch },
    echec: t.echec ?? s.echec,
    version,
    updated_at: at,
    historique: [...s.historique, { etat: t.to, at, detail: { ...t.detail } }],
  };
}

/**
 * Every write of a saga kept in the generic `sagas` table (any saga but the checkout):
 * each transition checked against its definition's table, then written at once with a
 * guarded statement (`etat_actuel` and the lease owner), flushed. A new saga is inserted by
 * its first transition. Sagas of this kind are few (a sign-up is not a checkout), so none
 * of the checkout's batching or write-behind: one durable statement per transition.
 */
export class SagaRowWrites<E extends string, C extends string, D> {
  private readonly committed = new Map<string, SagaRecord<E, D>>();
  private readonly release: (etat: E, version: string) => boolean;

  constructor(private readonly o: SagaRowWritesOptions<E, C, D>) {
    this.release = (etat, version) => o.definitions.get(version).isResting(etat);
  }

  write(
    current: SagaRecord<E, D>,
    t: Transition<E, D>,
  ): Promise<{ state: SagaRecord<E, D>; flushedAt: number }> {
    return this.move(current, t, false);
  }

  /**
   * Writes a new saga as it stands, before its first step: for a saga whose first step
   * already has an effect, so that a crash during that step leaves a row for recovery to
   * compensate from. Throws KeyTaken when its idempotency key is already used.
   */
  async create(initial: SagaRecord<E, D>): Promise<SagaRecord<E, D>> {
    const { origin: _origin, ...rest } = initial;
    const write = { ...this.rowWrite(initial, undefined), claim: false };
    const written = await writeSaga(this.o.db, write);
    if (!written) throw new KeyTaken(initial.id);
    const historique = initial.historique.map((h) => ({ ...h, at: written.createdAt }));
    const state = { ...rest, version: written.version, created_at: written.createdAt, historique };
    this.committed.set(initial.id, state);
    return state;
  }

  /** Operator actions: takes the saga over whichever instance last held it. */
  async claim(current: SagaRecord<E, D>, t: Transition<E, D>): Promise<SagaRecord<E, D>> {
    return (await this.move(current, t, true)).state;
  }

  private async move(current: SagaRecord<E, D>, t: Transition<E, D>, claim: boolean) {
    const def = this.o.definitions.get(current.definition.version);
    if (!def.canTransition(t.from, t.to)) throw new IllegalTransition(t.from, t.to);
    if (current.etat !== t.from) throw new TransitionConflict(current.id, t.from, t.to);
    const startedAt = performance.now();
    const written = await writeSaga(this.o.db, { ...this.rowWrite(current, t), claim });
    if (!written && current.origin) throw new KeyTaken(current.id);
    if (!written) throw new TransitionConflict(current.id, t.from, t.to);
    const state = this.committedState(current, t, written);
    this.committed.set(current.id, state);
    this.o.onCommitted?.(state, t, current.origin !== undefined);
    return { state, flushedAt: startedAt };
  }

  /** The statement's input for `t` from `current` (no `t`: the saga as it stands). */
  private rowWrite(
    current: SagaRecord<E, D>,
    t: Transition<E, D> | undefined,
  ): Omit<SagaRowWrite, 'claim'> {
    const { origin, definition } = current;
    return {
      id: current.id,
      nom: definition.nom,
      from: t?.from ?? current.etat,
      reached: t ? [{ etat: t.to, detail: t.detail }] : [],
      data: { ...current.data, ...t?.patch },
      echec: t?.echec ?? null,
      owner: this.o.owner,
      leaseMs: this.o.leaseMs,
      release: this.release(t?.to ?? current.etat, definition.version),
      ...(origin && {
        creation: {
          version: definition.version,
          idempotencyKey: origin.idempotencyKey,
          requestHash: origin.requestHash,
          // Written from the saga's own context: the request's span is current.
          traceParent: currentTraceparent() ?? null,
        },
      }),
    };
  }

  private committedState(
    current: SagaRecord<E, D>,
    t: Transition<E, D>,
    written: SagaWritten,
  ): SagaRecord<E, D> {
    const base = current.origin
      ? {
          ...current,
          created_at: written.createdAt,
          historique: current.historique.map((h) => ({ ...h, at: written.createdAt })),
        }
      : current;
    return advance(base, t, written.at, written.version);
  }

  /** The last state of a saga driven here that the database holds. */
  latest(id: string): SagaRecord<E, D> | undefined {
    return this.committed.get(id);
  }

  /** Nothing is held back: every transition was written when it was made. */
  async flush(_id: string): Promise<void> {}

  forget(id: string): void {
    this.committed.delete(id);
  }

  suspend(s: SagaRecord<E, D>, suspension: Suspension): Promise<boolean> {
    return leases.suspend(this.o.db, this.o.owner, s.id, suspension);
  }

  handBack(ids: readonly string[]): Promise<number> {
    return leases.release(this.o.db, this.o.owner, ids);
  }

  renew(ids: readonly string[]): Promise<string[]> {
    return leases.renew(this.o.db, this.o.owner, ids, this.o.leaseMs);
  }
}
