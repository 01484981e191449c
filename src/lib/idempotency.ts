import type { Knex } from 'knex';
import type { Db } from './db.js';
import { execute, lockClause, selectFirst } from './sql.js';

/** What an idempotent command answers: 201 the first time, 200 when it is repeated. */
export interface Outcome<T> {
  status: 200 | 201;
  body: T;
}

/**
 * One command of the saga contract, idempotent on its commande id (claim-then-lock):
 * - `claim` inserts the key row with `ON CONFLICT DO NOTHING` as the transaction's first
 *   statement and resolves to what it wrote (`true` will do), or to false/undefined when the
 *   key was taken; a concurrent claim of the same key waits there until the first transaction
 *   ends, then finds the row;
 * - `first` does the effect, given what the claim wrote (throwing rolls back the claim too:
 *   a refused command leaves nothing);
 * - `repeat` reads what the first one recorded (locking it when it may change) and answers it
 *   again, or refuses a repeat that differs.
 */
export interface ClaimedCommand<T, C, Tx = Db> {
  claim(trx: Tx): Promise<C | false | undefined>;
  first(trx: Tx, claimed: C): Promise<T>;
  repeat(trx: Tx): Promise<T>;
}

/** Runs its work in one transaction, handing it the transaction's handle. */
export type Transact<Tx> = <R>(work: (trx: Tx) => Promise<R>) => Promise<R>;

/** Runs a claimed command in one transaction: 201 with the first outcome, 200 on a repeat. */
export function runClaimedIn<T, C, Tx>(
  transact: Transact<Tx>,
  command: ClaimedCommand<T, C, Tx>,
): Promise<Outcome<T>> {
  return transact(async (trx): Promise<Outcome<T>> => {
    const claimed = await command.claim(trx);
    if (claimed === false || claimed === undefined) {
      return { status: 200, body: await command.repeat(trx) };
    }
    return { status: 201, body: await command.first(trx, claimed) };
  });
}

/** The same in a Knex transaction (statements written with `sql.ts`). */
export function runClaimed<T, C>(db: Knex, command: ClaimedCommand<T, C>): Promise<Outcome<T>> {
  return runClaimedIn((work) => db.transaction(work), command);
}

/** A column value of a claim row; `now()` and the like as `db.fn.now()`. */
export type ClaimValue = Knex.Value | Knex.Raw;

/**
 * The claim of the pattern above: inserts `row` into `table` unless a row already holds its
 * `commande_id`. False then; a concurrent claim of the same id waits here until the first
 * transaction ends. Table and column names come from the code, never from a request.
 */
export async function claimCommande(
  db: Db,
  table: string,
  row: Readonly<{ commande_id: string } & Record<string, ClaimValue>>,
): Promise<boolean> {
  const columns = Object.keys(row);
  const bindings: Record<string, ClaimValue> = { table };
  columns.forEach((c, i) => {
    bindings[`c${i}`] = c;
    bindings[`v${i}`] = row[c] ?? null;
  });
  const inserted = await execute(
    db,
    `INSERT INTO :table: (${columns.map((_c, i) => `:c${i}:`).join(', ')})
     VALUES (${columns.map((_c, i) => `:v${i}`).join(', ')})
     ON CONFLICT (commande_id) DO NOTHING`,
    bindings,
  );
  return inserted === 1;
}

/**
 * The row that holds the commande id, locked (`forUpdate`) when the caller will change it.
 * `columns` is the SELECT list, written in the code.
 */
export function findClaimed<R>(
  db: Db,
  table: string,
  columns: string,
  commandeId: string,
  opts = { forUpdate: false },
): Promise<R | undefined> {
  return selectFirst<R>(
    db,
    `SELECT ${columns} FROM :table:
      WHERE commande_id = :commandeId ${lockClause(opts.forUpdate)}`,
    { table, commandeId },
  );
}

/**
 * The compensation's mark: moves the commande's row from the effect's `etat` to the undone
 * one and stamps when (`<column> = now()`). A row already moved is left alone.
 */
export async function markCompensated(
  db: Db,
  table: string,
  commandeId: string,
  move: { from: string; to: string; stamp: string },
): Promise<void> {
  await execute(
    db,
    `UPDATE :table: SET etat = :to, :stamp: = now() WHERE commande_id = :commandeId AND etat = :from`,
    { table, commandeId, ...move },
  );
}
