import type { Db } from '../../lib/db.js';

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

export async function listMagasins(
  db: Db,
  page: { limit: number; offset: number },
): Promise<Magasin[]> {
  const { rows } = await db.raw<{ rows: Magasin[] }>(
    `SELECT ${COLUMNS} FROM magasins ORDER BY id LIMIT :limit OFFSET :offset`,
    { limit: page.limit, offset: page.offset },
  );
  return rows;
}

export async function findMagasin(db: Db, id: number): Promise<Magasin | undefined> {
  const { rows } = await db.raw<{ rows: Magasin[] }>(
    `SELECT ${COLUMNS} FROM magasins WHERE id = :id`,
    { id },
  );
  return rows[0];
}

export async function insertMagasin(db: Db, m: NewMagasin): Promise<Magasin> {
  const { rows } = await db.raw<{ rows: Magasin[] }>(
    `INSERT INTO magasins (nom, ville) VALUES (:nom, :ville) RETURNING ${COLUMNS}`,
    { nom: m.nom, ville: m.ville },
  );
  const [row] = rows;
  if (!row) throw new Error('INSERT magasins returned no row');
  return row;
}
