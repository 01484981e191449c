import Joi from 'joi';
import type { Knex } from 'knex';
import { hasOperator, insertAccount, lockFirstOperator } from './accounts-repo.js';
import { type HashCost, hashPassword } from './passwords.js';

/** The account a deployment starts with (OPERATOR_USERNAME, OPERATOR_PASSWORD). */
export interface FirstOperator {
  username: string;
  password: string;
}

/** Its variables, spread into the auth service's schema (config.ts). */
export const FIRST_OPERATOR_ENV = {
  OPERATOR_USERNAME: Joi.string()
    .lowercase()
    .pattern(/^[a-z0-9._-]{1,64}$/)
    .default('admin'),
  // Optional here (`npm start` and the tests sign in with the demo operator); the compose
  // file requires it.
  OPERATOR_PASSWORD: Joi.string().min(12).max(1024),
  // Whether the system runs with the demo data (its public accounts): the login page lists
  // them only then (GET /api/auth/demo).
  DEMO_DATA: Joi.boolean().default(false),
};

export interface FirstOperatorEnv {
  OPERATOR_USERNAME: string;
  OPERATOR_PASSWORD?: string;
  DEMO_DATA: boolean;
}

export const firstOperatorSettings = (e: FirstOperatorEnv): FirstOperator | undefined =>
  e.OPERATOR_PASSWORD === undefined
    ? undefined
    : { username: e.OPERATOR_USERNAME, password: e.OPERATOR_PASSWORD };

/**
 * At start-up: creates the operator account from the secret when the database holds no
 * operator at all (a new deployment). Once any operator exists it does nothing: a changed
 * OPERATOR_PASSWORD overwrites no password, and an account deleted while another operator
 * remains never comes back. Returns whether it created the account.
 */
export async function ensureFirstOperator(
  db: Knex,
  operator: FirstOperator,
  cost: HashCost,
): Promise<boolean> {
  if (await hasOperator(db)) return false;
  const password_hash = await hashPassword(operator.password, cost);
  return db.transaction(async (trx) => {
    await lockFirstOperator(trx);
    if (await hasOperator(trx)) return false;
    const row = await insertAccount(trx, {
      username: operator.username,
      password_hash,
      role: 'operateur',
      client_id: null,
    });
    if (!row) {
      throw new Error(
        `OPERATOR_USERNAME ${operator.username} is already a client account: choose another name`,
      );
    }
    return true;
  });
}
