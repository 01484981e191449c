import type { Knex } from 'knex';
import type { Db } from './db.js';

/** Named bindings (`:name` in the SQL text). */
export type Bindings = Readonly<Record<string, Knex.Value>>;

/** The rows a query returns. */
export async function selectRows<R>(db: Db, sql: string, bindings: Bindings = {}): Promise<R[]> {
  const { rows } = await db.raw<{ rows: R[] }>(sql, bindings);
  return rows;
}

/** The first row a query returns, if any. */
export async function selectFirst<R>(
  db: Db,
  sql: string,
  bindings: Bindings = {},
): Promise<R | undefined> {
  return (await selectRows<R>(db, sql, bindings))[0];
}

/** The one row a statement must return (an INSERT ... RETURNING). */
export async function selectOne<R>(db: Db, sql: string, bindings: Bindings = {}): Promise<R> {
  const row = await selectFirst<R>(db, sql, bindings);
  if (row === undefined) throw new Error(`Expected one row from: ${sql.trim().split('\n')[0]}`);
  return row;
}

/** How many rows a statement wrote; 0 tells a guarded update that someone else moved first. */
export async function execute(db: Db, sql: string, bindings: Bindings = {}): Promise<number> {
  const result = await db.raw<{ rowCount: number | null }>(sql, bindings);
  return result.rowCount ?? 0;
}

/** `FOR UPDATE` when the caller will change the row it reads. */
export const lockClause = (forUpdate: boolean): string => (forUpdate ? 'FOR UPDATE' : '');
