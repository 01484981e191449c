import type { Db } from '../../lib/db.js';

export interface StockRow {
  magasin_id: number;
  produit_id: number;
  quantite: number;
  updated_at: Date;
}

const COLUMNS = 'magasin_id, produit_id, quantite, updated_at';

export async function listStock(db: Db, magasinId: number): Promise<StockRow[]> {
  const { rows } = await db.raw<{ rows: StockRow[] }>(
    `SELECT ${COLUMNS} FROM stock WHERE magasin_id = :magasinId ORDER BY produit_id`,
    { magasinId },
  );
  return rows;
}

export async function findStock(
  db: Db,
  magasinId: number,
  produitId: number,
): Promise<StockRow | undefined> {
  const { rows } = await db.raw<{ rows: StockRow[] }>(
    `SELECT ${COLUMNS} FROM stock WHERE magasin_id = :magasinId AND produit_id = :produitId`,
    { magasinId, produitId },
  );
  return rows[0];
}

export async function magasinHasStock(db: Db, magasinId: number): Promise<boolean> {
  const { rows } = await db.raw<{ rows: { found: boolean }[] }>(
    'SELECT EXISTS (SELECT 1 FROM stock WHERE magasin_id = :magasinId) AS found',
    { magasinId },
  );
  return rows[0]?.found === true;
}

/** Sets the level, creating the (magasin, produit) row if needed. */
export async function upsertStock(
  db: Db,
  magasinId: number,
  produitId: number,
  quantite: number,
): Promise<StockRow> {
  const { rows } = await db.raw<{ rows: StockRow[] }>(
    `INSERT INTO stock (magasin_id, produit_id, quantite)
     VALUES (:magasinId, :produitId, :quantite)
     ON CONFLICT (magasin_id, produit_id)
       DO UPDATE SET quantite = EXCLUDED.quantite, updated_at = now()
     RETURNING ${COLUMNS}`,
    { magasinId, produitId, quantite },
  );
  const [row] = rows;
  if (!row) throw new Error('UPSERT stock returned no row');
  return row;
}

/** Adds delta (may be negative) unless the level would go below zero; undefined then. */
export async function adjustStock(
  db: Db,
  magasinId: number,
  produitId: number,
  delta: number,
): Promise<StockRow | undefined> {
  const { rows } = await db.raw<{ rows: StockRow[] }>(
    `UPDATE stock SET quantite = quantite + :delta, updated_at = now()
      WHERE magasin_id = :magasinId AND produit_id = :produitId AND quantite + :delta >= 0
      RETURNING ${COLUMNS}`,
    { magasinId, produitId, delta },
  );
  return rows[0];
}

/** Guarded decrement: false when the row is missing or holds fewer than quantite units. */
export async function takeStock(
  db: Db,
  magasinId: number,
  produitId: number,
  quantite: number,
): Promise<boolean> {
  const result = await db.raw<{ rowCount: number }>(
    `UPDATE stock SET quantite = quantite - :quantite, updated_at = now()
      WHERE magasin_id = :magasinId AND produit_id = :produitId AND quantite >= :quantite`,
    { magasinId, produitId, quantite },
  );
  return result.rowCount === 1;
}

export async function giveBackStock(
  db: Db,
  magasinId: number,
  produitId: number,
  quantite: number,
): Promise<void> {
  await db.raw(
    `UPDATE stock SET quantite = quantite + :quantite, updated_at = now()
      WHERE magasin_id = :magasinId AND produit_id = :produitId`,
    { magasinId, produitId, quantite },
  );
}

export async function listRuptures(db: Db, magasinId: number): Promise<StockRow[]> {
  const { rows } = await db.raw<{ rows: StockRow[] }>(
    `SELECT ${COLUMNS} FROM stock WHERE magasin_id = :magasinId AND quantite = 0
      ORDER BY produit_id`,
    { magasinId },
  );
  return rows;
}

export async function listSurstock(db: Db, magasinId: number, seuil: number): Promise<StockRow[]> {
  const { rows } = await db.raw<{ rows: StockRow[] }>(
    `SELECT ${COLUMNS} FROM stock WHERE magasin_id = :magasinId AND quantite > :seuil
      ORDER BY quantite DESC, produit_id`,
    { magasinId, seuil },
  );
  return rows;
}
