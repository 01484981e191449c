import type { Db } from '../../lib/db.js';
import type { LigneQuantite } from '../../lib/lignes.js';
import type { Page } from '../../lib/schemas.js';
import { execute, selectFirst, selectRows } from '../../lib/sql.js';

export interface LigneVente extends LigneQuantite {
  prix_unitaire_cents: number;
}

export interface VenteRow {
  id: number;
  commande_id: string;
  client_id: number;
  magasin_id: number;
  total_cents: number;
  created_at: Date;
}

export interface NewVente {
  commande_id: string;
  client_id: number;
  magasin_id: number;
  total_cents: number;
}

export interface VenteFilter extends Page {
  magasin_id?: number | undefined;
  client_id?: number | undefined;
}

const COLUMNS = 'id, commande_id, client_id, magasin_id, total_cents, created_at';

/** Undefined when a vente already exists for that commande (a concurrent insert waits). */
export function insertVente(db: Db, v: NewVente): Promise<VenteRow | undefined> {
  return selectFirst(
    db,
    `INSERT INTO ventes (commande_id, client_id, magasin_id, total_cents)
     VALUES (:commandeId, :clientId, :magasinId, :total)
     ON CONFLICT (commande_id) DO NOTHING
     RETURNING ${COLUMNS}`,
    {
      commandeId: v.commande_id,
      clientId: v.client_id,
      magasinId: v.magasin_id,
      total: v.total_cents,
    },
  );
}

export async function insertLignes(
  db: Db,
  venteId: number,
  lignes: readonly LigneVente[],
): Promise<void> {
  await execute(
    db,
    `INSERT INTO vente_lignes (vente_id, produit_id, quantite, prix_unitaire_cents)
     SELECT :venteId, l.produit_id, l.quantite, l.prix_unitaire_cents
       FROM jsonb_to_recordset(CAST(:lignes AS jsonb))
         AS l(produit_id integer, quantite integer, prix_unitaire_cents integer)`,
    { venteId, lignes: JSON.stringify(lignes) },
  );
}

export function findVente(db: Db, id: number): Promise<VenteRow | undefined> {
  return selectFirst(db, `SELECT ${COLUMNS} FROM ventes WHERE id = :id`, { id });
}

export function findVenteByCommande(db: Db, commandeId: string): Promise<VenteRow | undefined> {
  return selectFirst(db, `SELECT ${COLUMNS} FROM ventes WHERE commande_id = :commandeId`, {
    commandeId,
  });
}

export function findLignes(
  db: Db,
  venteIds: readonly number[],
): Promise<(LigneVente & { vente_id: number })[]> {
  if (venteIds.length === 0) return Promise.resolve([]);
  return selectRows(
    db,
    `SELECT vente_id, produit_id, quantite, prix_unitaire_cents FROM vente_lignes
      WHERE vente_id IN (SELECT CAST(value AS integer) FROM jsonb_array_elements_text(CAST(:ids AS jsonb)))
      ORDER BY vente_id, produit_id`,
    { ids: JSON.stringify(venteIds) },
  );
}

/** Newest first, optionally of one magasin and/or one client. */
export function listVentes(db: Db, filter: VenteFilter): Promise<VenteRow[]> {
  return selectRows(
    db,
    `SELECT ${COLUMNS} FROM ventes
      WHERE (CAST(:magasinId AS integer) IS NULL OR magasin_id = :magasinId)
        AND (CAST(:clientId AS integer) IS NULL OR client_id = :clientId)
      ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset`,
    {
      magasinId: filter.magasin_id ?? null,
      clientId: filter.client_id ?? null,
      limit: filter.limit,
      offset: filter.offset,
    },
  );
}
