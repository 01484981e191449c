import type { Db } from '../../lib/db.js';
import type { Page } from '../../lib/schemas.js';
import { selectFirst, selectOne, selectRows } from '../../lib/sql.js';

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

export interface ProduitFilter extends Page {
  categorie?: string | undefined;
}

const COLUMNS = 'id, nom, categorie, prix_cents, created_at, updated_at';

export function listProduits(db: Db, filter: ProduitFilter): Promise<Produit[]> {
  return selectRows(
    db,
    `SELECT ${COLUMNS} FROM produits
      WHERE (CAST(:categorie AS text) IS NULL OR categorie = :categorie)
      ORDER BY id LIMIT :limit OFFSET :offset`,
    { categorie: filter.categorie ?? null, limit: filter.limit, offset: filter.offset },
  );
}

export function findProduit(db: Db, id: number): Promise<Produit | undefined> {
  return selectFirst(db, `SELECT ${COLUMNS} FROM produits WHERE id = :id`, { id });
}

export function insertProduit(db: Db, p: NewProduit): Promise<Produit> {
  return selectOne(
    db,
    `INSERT INTO produits (nom, categorie, prix_cents) VALUES (:nom, :categorie, :prix)
     RETURNING ${COLUMNS}`,
    { nom: p.nom, categorie: p.categorie, prix: p.prix_cents },
  );
}

/** Changes the given fields only; undefined when the produit does not exist. */
export function updateProduit(
  db: Db,
  id: number,
  changes: Partial<NewProduit>,
): Promise<Produit | undefined> {
  return selectFirst(
    db,
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
}
