import type { Db } from '../../lib/db.js';
import type { Page } from '../../lib/schemas.js';
import { lockClause, selectFirst, selectOne, selectRows } from '../../lib/sql.js';

export interface Produit {
  id: number;
  nom: string;
  categorie: string;
  prix_cents: number;
  description: string;
  created_at: Date;
  updated_at: Date;
}

export interface NewProduit {
  nom: string;
  categorie: string;
  prix_cents: number;
  description: string;
}

/** The fields an employee edits (and the history records). */
export const EDITABLE: readonly (keyof NewProduit)[] = [
  'nom',
  'categorie',
  'prix_cents',
  'description',
];

export interface ProduitFilter extends Page {
  categorie?: string | undefined;
  /** Words found in the name or the category, case and accents as typed (ILIKE). */
  q?: string | undefined;
}

const COLUMNS = 'id, nom, categorie, prix_cents, description, created_at, updated_at';

/** `50%` searched as text: LIKE's wildcards and escape taken literally. */
const likePattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function listProduits(db: Db, filter: ProduitFilter): Promise<Produit[]> {
  return selectRows(
    db,
    `SELECT ${COLUMNS} FROM produits
      WHERE (CAST(:categorie AS text) IS NULL OR categorie = :categorie)
        AND (CAST(:q AS text) IS NULL OR nom ILIKE :q OR categorie ILIKE :q)
      ORDER BY id LIMIT :limit OFFSET :offset`,
    {
      categorie: filter.categorie ?? null,
      q: filter.q === undefined ? null : likePattern(filter.q),
      limit: filter.limit,
      offset: filter.offset,
    },
  );
}

export function findProduit(
  db: Db,
  id: number,
  opts = { forUpdate: false },
): Promise<Produit | undefined> {
  return selectFirst(
    db,
    `SELECT ${COLUMNS} FROM produits WHERE id = :id ${lockClause(opts.forUpdate)}`,
    { id },
  );
}

export function insertProduit(db: Db, p: NewProduit): Promise<Produit> {
  return selectOne(
    db,
    `INSERT INTO produits (nom, categorie, prix_cents, description)
     VALUES (:nom, :categorie, :prix, :description)
     RETURNING ${COLUMNS}`,
    { nom: p.nom, categorie: p.categorie, prix: p.prix_cents, description: p.description },
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
            description = COALESCE(:description, description),
            updated_at = now()
      WHERE id = :id
      RETURNING ${COLUMNS}`,
    {
      id,
      nom: changes.nom ?? null,
      categorie: changes.categorie ?? null,
      prix: changes.prix_cents ?? null,
      description: changes.description ?? null,
    },
  );
}
