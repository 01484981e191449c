import type { Db } from '../../lib/db.js';
import type { Page } from '../../lib/schemas.js';
import { execute, lockClause, selectFirst, selectOne, selectRows } from '../../lib/sql.js';

export interface StockRow {
  magasin_id: number;
  produit_id: number;
  quantite: number;
  updated_at: Date;
}

/** The largest level a give-back may reach: the column's CHECK, exact in JavaScript. */
const TOP_OF_COLUMN = Number.MAX_SAFE_INTEGER;

const COLUMNS = 'magasin_id, produit_id, quantite, updated_at';

/** Which lines of a magasin a list shows, and in what order. */
export type StockList =
  { kind: 'tout' } | { kind: 'ruptures' } | { kind: 'surstock'; seuil: number };

const LISTS: Record<StockList['kind'], { where: string; order: string }> = {
  tout: { where: 'TRUE', order: 'produit_id' },
  ruptures: { where: 'quantite = 0', order: 'produit_id' },
  surstock: { where: 'quantite > :seuil', order: 'quantite DESC, produit_id' },
};

export function listStock(
  db: Db,
  magasinId: number,
  list: StockList,
  page: Page,
): Promise<StockRow[]> {
  const { where, order } = LISTS[list.kind];
  return selectRows(
    db,
    `SELECT ${COLUMNS} FROM stock WHERE magasin_id = :magasinId AND ${where}
      ORDER BY ${order} LIMIT :limit OFFSET :offset`,
    { magasinId, seuil: list.kind === 'surstock' ? list.seuil : null, ...page },
  );
}

/** One line of a magasin's stock: its key. */
export interface StockLine {
  magasin_id: number;
  produit_id: number;
}

const LINE = 'magasin_id = :magasin_id AND produit_id = :produit_id';

export function findStock(
  db: Db,
  line: StockLine,
  opts = { forUpdate: false },
): Promise<StockRow | undefined> {
  return selectFirst(
    db,
    `SELECT ${COLUMNS} FROM stock WHERE ${LINE} ${lockClause(opts.forUpdate)}`,
    {
      ...line,
    },
  );
}

export async function magasinHasStock(db: Db, magasinId: number): Promise<boolean> {
  const row = await selectFirst<{ found: boolean }>(
    db,
    'SELECT EXISTS (SELECT 1 FROM stock WHERE magasin_id = :magasinId) AS found',
    { magasinId },
  );
  return row?.found === true;
}

/** Sets the level, creating the line if needed. */
export function upsertStock(db: Db, line: StockLine, quantite: number): Promise<StockRow> {
  return selectOne(
    db,
    `INSERT INTO stock (magasin_id, produit_id, quantite) VALUES (:magasin_id, :produit_id, :quantite)
     ON CONFLICT (magasin_id, produit_id)
       DO UPDATE SET quantite = EXCLUDED.quantite, updated_at = now()
     RETURNING ${COLUMNS}`,
    { ...line, quantite },
  );
}

/**
 * Adds delta (may be negative) unless the level would go below zero, or above `max` when
 * delta raises it (lowering a level above `max` stays allowed); undefined then.
 */
export function adjustStock(
  db: Db,
  line: StockLine,
  delta: number,
  max: number,
): Promise<StockRow | undefined> {
  return selectFirst(
    db,
    `UPDATE stock SET quantite = quantite + :delta, updated_at = now()
      WHERE ${LINE} AND quantite + :delta >= 0 AND (:delta < 0 OR quantite + :delta <= :max)
      RETURNING ${COLUMNS}`,
    { ...line, delta, max },
  );
}

/** Guarded decrement: false when the line is missing or holds fewer than quantite units. */
export async function takeStock(db: Db, line: StockLine, quantite: number): Promise<boolean> {
  const taken = await execute(
    db,
    `UPDATE stock SET quantite = quantite - :quantite, updated_at = now()
      WHERE ${LINE} AND quantite >= :quantite`,
    { ...line, quantite },
  );
  return taken === 1;
}

/** Gives units back; never fails on the level (it saturates at the top of the column). */
export async function giveBackStock(db: Db, line: StockLine, quantite: number): Promise<void> {
  await execute(
    db,
    `UPDATE stock SET quantite = LEAST(quantite + :quantite, :top), updated_at = now()
      WHERE ${LINE}`,
    { ...line, quantite, top: TOP_OF_COLUMN },
  );
}
