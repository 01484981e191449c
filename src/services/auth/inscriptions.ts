import type { Knex } from 'knex';
import type { AppError } from '../../lib/errors.js';
import { conflict, idempotencyMismatch, notFound, unprocessable } from '../../lib/errors.js';
import type { Outcome } from '../../lib/idempotency.js';
import type { Logger } from '../../lib/logger.js';
import { passwordProblem } from '../../lib/password-policy.js';
import {
  activate,
  deletePending,
  findByInscription,
  type InscriptionAccount,
  insertPending,
  isCancelled,
  lockInscription,
  recordCancelled,
} from './inscriptions-repo.js';
import type { LoginThrottle } from './login-throttle.js';
import { type HashCost, hashPassword } from './passwords.js';

export interface Reservation {
  inscription_id: string;
  username: string;
  password: string;
  /** The person's address as the orchestrator saw it: the throttle counts under it. */
  adresse: string;
}

export interface InscriptionAnswer {
  inscription_id: string;
  etat: 'EN_ATTENTE' | 'ACTIVE' | 'ANNULEE';
  client_id?: number;
}

/** Says no more than a sign-up form must: not which of the two is taken, nor by whom. */
export const compteExistant = (): AppError =>
  conflict('This username or e-mail is already in use', 'COMPTE_EXISTANT');

const annulee = (id: string): AppError =>
  conflict(`Inscription ${id} was cancelled`, 'INSCRIPTION_ANNULEE');

/** What a repeated reservation answers: the account as it is now, if it is the same one. */
function repeated(id: string, account: InscriptionAccount, username: string): InscriptionAnswer {
  if (account.username !== username) {
    throw idempotencyMismatch(`Inscription ${id} reserved another username`);
  }
  return { inscription_id: id, etat: account.etat };
}

/**
 * The auth service's part of the sign-up saga (docs/saga-contract.md, "The sign-up saga"):
 * credentials reserved as a pending account, cancelled (a tombstone), or activated for the
 * client record. Every change for one inscription runs in one transaction under that
 * inscription's lock, so a cancellation and a late step never both pass their checks.
 */
export class Inscriptions {
  constructor(
    private readonly db: Knex,
    private readonly cost: HashCost,
    private readonly throttle: LoginThrottle,
    private readonly logger: Logger,
  ) {}

  /** 201 the first time, 200 on a repeat (the account as it is now: pending or active). */
  async reserver(r: Reservation): Promise<Outcome<InscriptionAnswer>> {
    const id = r.inscription_id;
    // A repeat costs neither an attempt of the throttle nor a hash.
    const known = await findByInscription(this.db, id);
    if (known) return { status: 200, body: repeated(id, known, r.username) };
    if (await isCancelled(this.db, id)) throw annulee(id);
    await this.throttle.admitSignup(r.adresse);
    const problem = passwordProblem(r.password, r.username);
    if (problem !== undefined) throw unprocessable(problem, 'MOT_DE_PASSE_REFUSE');
    const passwordHash = await hashPassword(r.password, this.cost);
    return this.db.transaction(async (trx): Promise<Outcome<InscriptionAnswer>> => {
      await lockInscription(trx, id);
      if (await isCancelled(trx, id)) throw annulee(id);
      if (await insertPending(trx, { inscriptionId: id, username: r.username, passwordHash })) {
        return { status: 201, body: { inscription_id: id, etat: 'EN_ATTENTE' } };
      }
      // Not inserted: the same inscription made it meanwhile, or the name is someone else's.
      const again = await findByInscription(trx, id);
      if (again) return { status: 200, body: repeated(id, again, r.username) };
      this.logger.info('sign-up refused: username in use', { inscriptionId: id });
      throw compteExistant();
    });
  }

  /** The compensation: the pending account goes, a tombstone stays. Repeatable. */
  annuler(id: string): Promise<InscriptionAnswer> {
    return this.db.transaction(async (trx): Promise<InscriptionAnswer> => {
      await lockInscription(trx, id);
      const account = await findByInscription(trx, id);
      if (account?.etat === 'ACTIVE') {
        // The saga compensates only short of activation, its pivot: a bug somewhere.
        this.logger.error('cancellation of an activated inscription refused', {
          inscriptionId: id,
          clientId: account.client_id,
        });
        throw conflict(`Inscription ${id} is active: its account stays`, 'INSCRIPTION_ACTIVE');
      }
      await deletePending(trx, id);
      await recordCancelled(trx, id);
      return { inscription_id: id, etat: 'ANNULEE' };
    });
  }

  /** The pivot: the pending account names its client and may sign in. Repeatable. */
  activer(id: string, clientId: number): Promise<InscriptionAnswer> {
    return this.db.transaction(async (trx): Promise<InscriptionAnswer> => {
      await lockInscription(trx, id);
      if (await isCancelled(trx, id)) throw annulee(id);
      const account = await findByInscription(trx, id);
      if (!account) {
        throw notFound(`Inscription ${id} has no account to activate`, 'INSCRIPTION_INCONNUE');
      }
      if (account.etat === 'EN_ATTENTE') await activate(trx, id, clientId);
      else if (account.client_id !== clientId) {
        throw idempotencyMismatch(`Inscription ${id} was activated for another client`);
      }
      return { inscription_id: id, etat: 'ACTIVE', client_id: clientId };
    });
  }
}
