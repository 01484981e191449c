import type { Db } from '../../lib/db.js';
import type { Page } from '../../lib/schemas.js';
import { execute, selectRows } from '../../lib/sql.js';
import type { StockLine } from './stock-repo.js';

/** 'fixer': a level set (a count of the shelf); 'ajuster': units added or removed. */
export type ActionStock = 'fixer' | 'ajuster';

export interface StockChange {
  action: ActionStock;
  auteur: string;
  /** Null when the line did not exist: the magasin starts carrying the produit. */
  avant: number | null;
  apres: number;
  motif: string | null;
}

export interface EntreeStock extends StockLine, StockChange {
  id: number;
  /** apres - avant (null for a new line). */
  delta: number | null;
  at: Date;
}

/** Records one change of a line, in the caller's transaction. */
export async function insertStockChange(db: Db, line: StockLine, c: StockChange): Promise<void> {
  await execute(
    db,
    `INSERT INTO stock_historique (magasin_id, produit_id, action, auteur, avant, apres, motif)
     VALUES (:magasin_id, :produit_id, :action, :auteur, :avant, :apres, :motif)`,
    { ...line, ...c },
  );
}

/** A magasin's changes, or one line's (produit_id given), newest first. */
export function listStockChanges(
  db: Db,
  where: { magasin_id: number; produit_id?: number | undefined },
  page: Page,
): Promise<EntreeStock[]> {
  return selectRows(
    db,
    `SELECT id, magasin_id, produit_id, action, auteur, avant, apres, apres - avant AS delta,
            motif, at
       FROM stock_historique
      WHERE magasin_id = :magasin_id
        AND (CAST(:produit_id AS integer) IS NULL OR produit_id = :produit_id)
      ORDER BY id DESC LIMIT :limit OFFSET :offset`,
    { magasin_id: where.magasin_id, produit_id: where.produit_id ?? null, ...page },
  );
}
