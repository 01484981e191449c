import type { Db } from '../../lib/db.js';
import { selectFirst } from '../../lib/sql.js';

export type AccountRole = 'client' | 'operateur';

export interface AccountRow {
  id: number;
  username: string;
  password_hash: string;
  role: AccountRole;
  client_id: number | null;
}

export interface NewAccount {
  username: string;
  password_hash: string;
  role: AccountRole;
  client_id: number | null;
}

/**
 * The account that may sign in under this name. A sign-up's pending account (not activated
 * yet) is not one: to a sign-in it is exactly an unknown name.
 */
export function findAccount(db: Db, username: string): Promise<AccountRow | undefined> {
  return selectFirst(
    db,
    `SELECT id, username, password_hash, role, client_id FROM accounts
      WHERE username = :username AND etat = 'ACTIVE'`,
    { username },
  );
}

/** Serialises the creation of the first operator between instances of the service. */
export async function lockFirstOperator(db: Db): Promise<void> {
  await db.raw(`SELECT pg_advisory_xact_lock(hashtext('first_operator'))`);
}

export async function hasOperator(db: Db): Promise<boolean> {
  const row = await selectFirst<{ id: number }>(
    db,
    `SELECT id FROM accounts WHERE role = 'operateur' LIMIT 1`,
  );
  return row !== undefined;
}

const INSERT_ACCOUNT = `INSERT INTO accounts (username, password_hash, role, client_id)
  VALUES (:username, :password_hash, :role, :client_id)
  ON CONFLICT (username) DO NOTHING
  RETURNING id, username, password_hash, role, client_id`;

/** Adds an account unless its username is taken; undefined when it is. */
export const insertAccount = (db: Db, account: NewAccount): Promise<AccountRow | undefined> =>
  selectFirst(db, INSERT_ACCOUNT, { ...account });
