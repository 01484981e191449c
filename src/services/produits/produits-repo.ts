import type { Db } from '../../lib/db.js';

export interface Produit {
  id: number;
  nom: string;
  categorie: string;
  prix_cents: number;
  created_at: Date;
  updated_at: Date;
}

export interface NewProduit {
  nom: string;
  categorie: string;
  prix_cents: number;
}

const COLUMNS = 'id, nom, categorie, prix_cents, created_at, updated_at';

export async function listProduits(
  db: Db,
  filter: { categorie: string | undefined; limit: number; offset: number },
): Promise<Produit[]> {
  const { rows } = await db.raw<{ rows: Produit[] }>(
    `SELECT ${COLUMNS} FROM produits
      WHERE (CAST(:categorie AS text) IS NULL OR categorie = :categorie)
      ORDER BY id LIMIT :limit OFFSET :offset`,
    { categorie: filter.categorie ?? null, limit: filter.limit, offset: filter.offset },
  );
  return rows;
}

export async function findProduit(db: Db, id: number): Promise<Produit | undefined> {
  const { rows } = await db.raw<{ rows: Produit[] }>(
    `SELECT ${COLUMNS} FROM produits WHERE id = :id`,
    { id },
  );
  return rows[0];
}

export async function insertProduit(db: Db, p: NewProduit): Promise<Produit> {
  const { rows } = await db.raw<{ rows: Produit[] }>(
    `INSERT INTO produits (nom, categorie, prix_cents) VALUES (:nom, :categorie, :prix)
     RETURNING ${COLUMNS}`,
    { nom: p.nom, categorie: p.categorie, prix: p.prix_cents },
  );
  const [row] = rows;
  if (!row) throw new Error('INSERT produits returned no row');
  return row;
}

/** Changes the given fields only; undefined when the produit does not exist. */
export async function updateProduit(
  db: Db,
  id: number,
  changes: Partial<NewProduit>,
): Promise<Produit | undefined> {
  const { rows } = await db.raw<{ rows: Produit[] }>(
    `UPDATE produits
        SET nom = COALESCE(:nom, nom),
            categorie = COALESCE(:categorie, categorie),
            prix_cents = COALESCE(CAST(:prix AS integer), prix_cents),
            updated_at = now()
      WHERE id = :id
      RETURNING ${COLUMNS}`,
    {
      id,
      nom: changes.nom ?? null,
      categorie: changes.categorie ?? null,
      prix: changes.prix_cents ?? null,
    },
  );
  return rows[0];
}
