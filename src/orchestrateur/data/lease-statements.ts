import type { Db } from '../../lib/db.js';
import { storableStrings } from '../../lib/text.js';
import type { Suspension } from '../../saga/index.js';

/** The tables that hold sagas: the checkout's own, and the generic one. */
export type SagaTable = 'commandes' | 'sagas';

const leaseUntil = `now() + CAST(:leaseMs AS integer) * interval '1 millisecond'`;

/**
 * Every statement that writes several sagas locks them first in id order, so two of them
 * (a lease renewal and a grouped transition of one instance) can never deadlock.
 */
const lockInIdOrder = (table: SagaTable): string =>
  `SELECT id FROM ${table} WHERE id IN (SELECT unnest(CAST(:ids AS uuid[]))) ORDER BY id FOR UPDATE`;

export interface LeaseStatements {
  /** Renews the leases of the sagas this instance is driving; returns those it still held. */
  renew(db: Db, owner: string, ids: readonly string[], leaseMs: number): Promise<string[]>;
  /** Gives sagas back at once (shutdown, an error) so another instance need not wait. */
  release(db: Db, owner: string, ids: readonly string[]): Promise<number>;
  /**
   * Leaves a saga this instance drives waiting for an operator in its current état: the
   * lease is given back and recovery skips it. False when it was no longer ours.
   */
  suspend(db: Db, owner: string, id: string, suspension: Suspension): Promise<boolean>;
}

/** The lease statements of one table (a fixed name of this list, never input). */
export function leaseStatements(table: SagaTable): LeaseStatements {
  return {
    async renew(db, owner, ids, leaseMs) {
      if (ids.length === 0) return [];
      const { rows } = await db.raw<{ rows: { id: string }[] }>(
        `WITH locked AS (${lockInIdOrder(table)})
         UPDATE ${table} c SET lease_until = ${leaseUntil}
         FROM locked l WHERE c.id = l.id AND c.lease_owner = :owner
         RETURNING c.id`,
        { owner, ids: [...ids], leaseMs },
      );
      return rows.map((r) => r.id);
    },
    async release(db, owner, ids) {
      if (ids.length === 0) return 0;
      const result = await db.raw<{ rowCount: number }>(
        `WITH locked AS (${lockInIdOrder(table)})
         UPDATE ${table} c SET lease_owner = NULL, lease_until = now()
         FROM locked l WHERE c.id = l.id AND c.lease_owner = :owner`,
        { owner, ids: [...ids] },
      );
      return result.rowCount;
    },
    async suspend(db, owner, id, suspension) {
      const result = await db.raw<{ rowCount: number }>(
        `UPDATE ${table} SET suspendue_at = now(), suspension = CAST(:suspension AS jsonb),
                lease_owner = NULL, lease_until = now()
          WHERE id = :id AND lease_owner = :owner`,
        { id, owner, suspension: JSON.stringify(suspension, storableStrings) },
      );
      return result.rowCount === 1;
    },
  };
}
