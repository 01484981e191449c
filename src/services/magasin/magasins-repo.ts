import type { Db } from '../../lib/db.js';
import type { Page } from '../../lib/schemas.js';
import { lockClause, selectFirst, selectOne, selectRows } from '../../lib/sql.js';

export interface Magasin {
  id: number;
  nom: string;
  ville: string;
  /** Null for a magasin created before addresses were kept (the demo's). */
  adresse: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface NewMagasin {
  nom: string;
  ville: string;
  adresse: string;
}

/** The fields an employee edits (and the history records). */
export const EDITABLE: readonly (keyof NewMagasin)[] = ['nom', 'ville', 'adresse'];

const COLUMNS = 'id, nom, ville, adresse, created_at, updated_at';

export function listMagasins(db: Db, page: Page): Promise<Magasin[]> {
  return selectRows(db, `SELECT ${COLUMNS} FROM magasins ORDER BY id LIMIT :limit OFFSET :offset`, {
    limit: page.limit,
    offset: page.offset,
  });
}

export function findMagasin(
  db: Db,
  id: number,
  opts = { forUpdate: false },
): Promise<Magasin | undefined> {
  return selectFirst(
    db,
    `SELECT ${COLUMNS} FROM magasins WHERE id = :id ${lockClause(opts.forUpdate)}`,
    { id },
  );
}

export function insertMagasin(db: Db, m: NewMagasin): Promise<Magasin> {
  return selectOne(
    db,
    `INSERT INTO magasins (nom, ville, adresse) VALUES (:nom, :ville, :adresse)
     RETURNING ${COLUMNS}`,
    { nom: m.nom, ville: m.ville, adresse: m.adresse },
  );
}

/** Changes the given fields only; undefined when the magasin does not exist. */
export function updateMagasin(
  db: Db,
  id: number,
  changes: Partial<NewMagasin>,
): Promise<Magasin | undefined> {
  return selectFirst(
    db,
    `UPDATE magasins
        SET nom = COALESCE(:nom, nom),
            ville = COALESCE(:ville, ville),
            adresse = COALESCE(:adresse, adresse),
            updated_at = now()
      WHERE id = :id
      RETURNING ${COLUMNS}`,
    {
      id,
      nom: changes.nom ?? null,
      ville: changes.ville ?? null,
      adresse: changes.adresse ?? null,
    },
  );
}
