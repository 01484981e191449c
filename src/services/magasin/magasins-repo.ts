import type { Db } from '../../lib/db.js';
import type { Page } from '../../lib/schemas.js';
import { selectFirst, selectOne, selectRows } from '../../lib/sql.js';

export interface Magasin {
  id: number;
  nom: string;
  ville: string;
  created_at: Date;
}

export interface NewMagasin {
  nom: string;
  ville: string;
}

const COLUMNS = 'id, nom, ville, created_at';

export function listMagasins(db: Db, page: Page): Promise<Magasin[]> {
  return selectRows(db, `SELECT ${COLUMNS} FROM magasins ORDER BY id LIMIT :limit OFFSET :offset`, {
    limit: page.limit,
    offset: page.offset,
  });
}

export function findMagasin(db: Db, id: number): Promise<Magasin | undefined> {
  return selectFirst(db, `SELECT ${COLUMNS} FROM magasins WHERE id = :id`, { id });
}

export function insertMagasin(db: Db, m: NewMagasin): Promise<Magasin> {
  return selectOne(
    db,
    `INSERT INTO magasins (nom, ville) VALUES (:nom, :ville) RETURNING ${COLUMNS}`,
    { nom: m.nom, ville: m.ville },
  );
}
