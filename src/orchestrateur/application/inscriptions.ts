import { createHash, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { AppError } from '../../lib/errors.js';
import { passwordProblem } from '../../lib/password-policy.js';
import type { SagaRecord } from '../../saga/index.js';
import type {
  Inscription,
  InscriptionData,
  InscriptionSecret,
} from '../inscription/inscription.js';
import type { CompensationInscription, EtatInscription } from '../inscription/transitions.js';
import { ROLES_INSCRIPTION } from '../inscription/transitions.js';
import type { InscriptionDefinitions } from '../inscription/versions.js';
import { KeyTaken } from '../data/key-taken.js';
import { findSagaByKey, findSagaHistory, toSagaRecord } from '../data/sagas-repo.js';
import type { OperatorActions } from './operator-actions.js';
import type { SagaRunner } from './saga-runner.js';
import { delay, settledWithin } from './settled.js';

export type InscriptionRunner = SagaRunner<
  EtatInscription,
  CompensationInscription,
  InscriptionData,
  Inscription
>;

/** An operator's actions on sign-ups. */
export type InscriptionActions = OperatorActions<
  EtatInscription,
  CompensationInscription,
  InscriptionData,
  Inscription
>;

export interface InscriptionRequest {
  nom: string;
  email: string;
  username: string;
  password: string;
}

export interface InscriptionAnswer {
  status: 201 | 202 | 502;
  inscription: Inscription;
  replayed: boolean;
}

export interface InscriptionsOptions {
  db: Knex;
  /** Writes the new sign-up before its first step (which has an effect: credentials). */
  create(initial: Inscription): Promise<Inscription>;
  runner: InscriptionRunner;
  definitions: InscriptionDefinitions;
  budgetMs: number;
  /** Sign-ups running at once on this instance past which new ones are refused (503). */
  maxRunning: number;
  /** Where the passwords of the sign-ups taken here wait (the saga's SecretVault reads it). */
  secrets: Map<string, InscriptionSecret>;
}

/** A refusal a person can act on, with its HTTP status; Retry-After for a 429. */
export class InscriptionRefused extends AppError {
  constructor(
    code: string,
    message: string,
    status: number,
    readonly retryAfterS?: number,
  ) {
    super(code, message, status);
  }
}

/** The business refusals of the sign-up, as the person reads them. */
const REFUSALS: Readonly<Record<string, (message: string) => InscriptionRefused>> = {
  COMPTE_EXISTANT: () =>
    new InscriptionRefused('COMPTE_EXISTANT', 'This username or e-mail is already in use', 409),
  TROP_DE_TENTATIVES: () =>
    new InscriptionRefused(
      'TROP_DE_TENTATIVES',
      'Too many sign-ups from here; retry later',
      429,
      60,
    ),
  MOT_DE_PASSE_REFUSE: (message) => new InscriptionRefused('MOT_DE_PASSE_REFUSE', message, 400),
};

// The password is left out on purpose: an unsalted hash of it would be stored.
const requestHash = (r: InscriptionRequest): string =>
  createHash('sha256')
    .update(JSON.stringify([r.nom, r.email, r.username]))
    .digest('hex');

/** How the sign-up ended, as an HTTP answer; a refusal is thrown as the error it is. */
function answerOf(i: Inscription, replayed: boolean): InscriptionAnswer {
  if (i.etat === ROLES_INSCRIPTION.confirmed) return { status: 201, inscription: i, replayed };
  const refused = i.echec?.type === 'METIER' ? REFUSALS[i.echec.code] : undefined;
  if (i.etat === ROLES_INSCRIPTION.cancelled && refused) throw refused(i.echec?.message ?? '');
  const over = i.etat === ROLES_INSCRIPTION.cancelled || i.etat === ROLES_INSCRIPTION.parked;
  return { status: over ? 502 : 202, inscription: i, replayed };
}

/**
 * The sign-up use case: an account (credentials and client record) for a new person, at
 * most once per Idempotency-Key, run as the sign-up saga and answered within the budget.
 * The password is checked against the policy before anything is written, and kept in this
 * instance's memory only until the saga no longer needs it.
 */
export class Inscriptions {
  private readonly secrets: Map<string, InscriptionSecret>;

  constructor(private readonly o: InscriptionsOptions) {
    this.secrets = o.secrets;
  }

  async inscrire(
    req: InscriptionRequest,
    adresse: string,
    key: string | undefined,
  ): Promise<InscriptionAnswer> {
    const problem = passwordProblem(req.password, req.username);
    if (problem !== undefined) throw REFUSALS.MOT_DE_PASSE_REFUSE?.(problem);
    const { runner } = this.o;
    if (runner.stopping) {
      throw new AppError('SHUTTING_DOWN', 'This instance is shutting down; retry', 503);
    }
    if (key !== undefined) {
      const earlier = await this.replay(key, requestHash(req));
      if (earlier) return earlier;
    }
    if (runner.size >= this.o.maxRunning) {
      throw new AppError('SURCHARGE', 'Too many sign-ups in progress; retry shortly', 503);
    }
    return this.start(req, { password: req.password, adresse }, key);
  }

  private async start(
    req: InscriptionRequest,
    secret: InscriptionSecret,
    key: string | undefined,
  ): Promise<InscriptionAnswer> {
    const startedAt = performance.now();
    const now = new Date();
    const { current } = this.o.definitions;
    const initial: Inscription = {
      id: randomUUID(),
      definition: { nom: current.name, version: current.version },
      etat: current.states.initial,
      data: { nom: req.nom, email: req.email, username: req.username, client_id: null },
      echec: null,
      version: 0,
      created_at: now,
      updated_at: now,
      historique: [{ etat: current.states.initial, at: now, detail: {} }],
      suspension: null,
      origin: { idempotencyKey: key ?? null, requestHash: requestHash(req), startedAt },
    };
    // Written before the first step: its effect (credentials) must never be left behind
    // by a crash with no row to recover and compensate it from.
    const created = await this.createOrReplay(initial, req, key);
    if ('status' in created) return created;
    this.secrets.set(created.id, secret);
    const saga = this.o.runner.run(created, { takenAt: startedAt });
    void saga.done.finally(() => this.secrets.delete(created.id));
    return answerOf(await settledWithin(saga, this.o.budgetMs), false);
  }

  /** The new sign-up written, or (its key taken meanwhile) the answer of the one holding it. */
  private async createOrReplay(
    initial: Inscription,
    req: InscriptionRequest,
    key: string | undefined,
  ): Promise<Inscription | InscriptionAnswer> {
    try {
      return await this.o.create(initial);
    } catch (err) {
      const replayed =
        err instanceof KeyTaken && key !== undefined
          ? await this.replay(key, requestHash(req))
          : undefined;
      if (replayed) return replayed;
      throw err;
    }
  }

  /** Same key again: same person → the same sign-up, whatever it became; else 422. */
  private async replay(key: string, hash: string): Promise<InscriptionAnswer | undefined> {
    const nom = this.o.definitions.current.name;
    const row = await findSagaByKey(this.o.db, nom, key);
    if (!row) return undefined;
    if (row.request_hash !== hash) {
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used with another request body',
        422,
      );
    }
    const running = this.o.runner.find(row.id);
    if (running) await settledWithin(running, this.o.budgetMs);
    else await this.pollUntilSettled(row.id, key);
    const latest = await findSagaByKey(this.o.db, nom, key);
    const history = await findSagaHistory(this.o.db, row.id);
    const record: SagaRecord<EtatInscription, InscriptionData> = toSagaRecord(
      latest ?? row,
      history,
    );
    return answerOf(record, true);
  }

  /** A sign-up driven by another instance: watch it until it rests or the budget ends. */
  private async pollUntilSettled(id: string, key: string): Promise<void> {
    const until = Date.now() + this.o.budgetMs;
    const nom = this.o.definitions.current.name;
    while (Date.now() < until) {
      const row = await findSagaByKey(this.o.db, nom, key);
      if (!row || row.id !== id) return;
      if (this.o.definitions.current.isResting(row.etat_actuel as EtatInscription)) return;
      await delay(Math.min(100, Math.max(0, until - Date.now())));
    }
  }
}
