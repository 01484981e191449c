import { createHash, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { AppError } from '../../lib/errors.js';
import type { CheckoutData, Commande } from '../checkout/commande.js';
import { type Compensation, type EtatCommande, ROLES } from '../checkout/transitions.js';
import type { CheckoutDefinitions } from '../checkout/versions.js';
import { findByIdempotencyKey, findCommande } from '../data/commandes-repo.js';
import type { Admission } from './admission.js';
import type { CommandeQueries } from './commande-queries.js';
import type { OperatorActions } from './operator-actions.js';
import type { SagaHandle, SagaRunner } from './saga-runner.js';
import { delay, settledWithin } from './settled.js';

/** The runner of checkout sagas. */
export type CheckoutRunner = SagaRunner<EtatCommande, Compensation, CheckoutData, Commande>;

/** An operator's actions on commandes. */
export type CommandeActions = OperatorActions<EtatCommande, Compensation, CheckoutData, Commande>;

export interface CheckoutRequest {
  client_id: number;
  magasin_id: number;
}

export interface CheckoutAnswer {
  status: 200 | 201 | 202 | 409 | 502;
  commande: Commande;
  replayed: boolean;
}

export interface CheckoutOptions {
  db: Knex;
  runner: CheckoutRunner;
  /** New sagas start under the current definition. */
  definitions: CheckoutDefinitions;
  queries: CommandeQueries;
  budgetMs: number;
  /** Sagas running after their answer past which new checkouts are refused (503). */
  maxBackground: number;
  admission: Admission;
}

const requestHash = (r: CheckoutRequest): string =>
  createHash('sha256')
    .update(JSON.stringify([r.client_id, r.magasin_id]))
    .digest('hex');

/** The HTTP status that tells the caller how the saga ended (saga contract, checkout). */
export function statusOf(c: Commande): CheckoutAnswer['status'] {
  if (c.etat === ROLES.confirmed) return 201;
  if (c.etat === ROLES.cancelled) return c.echec?.type === 'METIER' ? 409 : 502;
  if (c.etat === ROLES.parked) return 502;
  return 202;
}

const settledQuietly = (): void => undefined;

/**
 * The checkout use case: a commande for the caller's cart, at most once per
 * Idempotency-Key, answered within the budget (the saga goes on in the background).
 */
export class Checkout {
  /** Checkouts of this instance still answering, by Idempotency-Key. */
  private readonly keysInFlight = new Map<string, Promise<void>>();

  constructor(private readonly o: CheckoutOptions) {}

  async checkout(
    req: CheckoutRequest,
    idempotencyKey: string | undefined,
  ): Promise<CheckoutAnswer> {
    if (idempotencyKey === undefined) return this.admit(req, undefined);
    // A repeat never reads the cart again: it waits for the first request with its key
    // (in this instance), then answers with the commande that one made.
    const key = idempotencyKey;
    const earlier = this.keysInFlight.get(key);
    if (earlier) {
      await earlier;
      return (await this.replay(key, requestHash(req))) ?? this.checkout(req, key);
    }
    const first = this.firstWithKey(req, key);
    const settled = first.then(settledQuietly, settledQuietly);
    this.keysInFlight.set(key, settled);
    try {
      return await first;
    } finally {
      if (this.keysInFlight.get(key) === settled) this.keysInFlight.delete(key);
    }
  }

  private async firstWithKey(req: CheckoutRequest, key: string): Promise<CheckoutAnswer> {
    return (await this.replay(key, requestHash(req))) ?? this.admit(req, key);
  }

  private async admit(
    req: CheckoutRequest,
    idempotencyKey: string | undefined,
  ): Promise<CheckoutAnswer> {
    if (this.o.runner.stopping) {
      throw new AppError('SHUTTING_DOWN', 'This instance is shutting down; retry', 503);
    }
    const { runner, admission } = this.o;
    if (runner.size - admission.load.running >= this.o.maxBackground) {
      // So much unfinished work already: take no more until it drains or is parked.
      throw admission.refuse();
    }
    // The budget runs from the request's arrival, waiting for a slot included. The slot is
    // held until the answer; a saga still running then goes on in the background.
    const deadline = Date.now() + this.o.budgetMs;
    const release = await admission.enter(this.o.budgetMs);
    try {
      return await this.start(req, idempotencyKey, deadline);
    } finally {
      release();
    }
  }

  /**
   * Runs a new saga. The commande is written with its first transition (the cart read, or
   * its failure): nothing is written before, so a request that dies first leaves nothing.
   */
  private async start(
    req: CheckoutRequest,
    idempotencyKey: string | undefined,
    deadline: number,
  ): Promise<CheckoutAnswer> {
    const startedAt = performance.now();
    const now = new Date();
    const { current } = this.o.definitions;
    const initial: Commande = {
      id: randomUUID(),
      definition: { nom: current.name, version: current.version },
      etat: current.states.initial,
      data: { ...req, lignes: null, total_cents: null },
      echec: null,
      version: 0,
      created_at: now,
      updated_at: now,
      historique: [{ etat: current.states.initial, at: now, detail: {} }],
      suspension: null,
      origin: { idempotencyKey: idempotencyKey ?? null, requestHash: requestHash(req), startedAt },
    };
    const saga = this.o.runner.run(initial, { takenAt: startedAt });
    let final = await this.withinBudget(saga, deadline - Date.now());
    if (final.version === 0) {
      // The budget ran out before the first write: answer once the commande exists.
      await saga.written;
      final = saga.latest();
    }
    if (final.version > 0) return { status: statusOf(final), commande: final, replayed: false };
    if (idempotencyKey !== undefined) {
      const replayed = await this.replay(idempotencyKey, requestHash(req));
      if (replayed) return replayed;
    }
    throw new AppError(
      'NON_ENREGISTREE',
      'The commande could not be recorded; nothing was done',
      503,
    );
  }

  /**
   * Same key again: same body → the same commande, whatever it has become; else 422.
   * Undefined when no commande holds the key.
   */
  private async replay(key: string, hash: string): Promise<CheckoutAnswer | undefined> {
    const row = await findByIdempotencyKey(this.o.db, key);
    if (!row) return undefined;
    if (row.request_hash !== hash) {
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used with another request body',
        422,
      );
    }
    const running = this.o.runner.find(row.id);
    if (running) await this.withinBudget(running);
    else if (!this.isResting(row.etat_actuel)) await this.pollUntilSettled(row.id);
    const commande = await this.o.queries.get(row.id);
    return { status: statusOf(commande), commande, replayed: true };
  }

  /** Resting (done, or waiting for an operator) under any definition: the roles are the same. */
  private isResting(etat: Commande['etat']): boolean {
    return this.o.definitions.current.isResting(etat);
  }

  /** The saga's end, or where it stands when the budget runs out. */
  private withinBudget(saga: SagaHandle<Commande>, budgetMs = this.o.budgetMs): Promise<Commande> {
    return settledWithin(saga, budgetMs);
  }

  /** A saga running on another instance: watch the database until it settles or budget ends. */
  private async pollUntilSettled(id: string): Promise<void> {
    const until = Date.now() + this.o.budgetMs;
    while (Date.now() < until) {
      const row = await findCommande(this.o.db, id);
      if (!row || this.isResting(row.etat_actuel)) return;
      await delay(Math.min(100, Math.max(0, until - Date.now())));
    }
  }
}
