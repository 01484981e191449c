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

export function findAccount(db: Db, username: string): Promise<AccountRow | undefined> {
  return selectFirst(
    db,
    `SELECT id, username, password_hash, role, client_id FROM accounts WHERE username = :username`,
    { username },
  );
}
