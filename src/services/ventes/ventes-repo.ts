import type { Knex } from 'knex';
import type { Db } from '../../lib/db.js';
import type { LigneQuantite } from '../../lib/lignes.js';
import type { Page } from '../../lib/schemas.js';
import { prepared } from '../../lib/prepared.js';
import { selectFirst, selectRows } from '../../lib/sql.js';

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

const INSERT_VENTE_AVEC_LIGNES = prepared<VenteRow>(
  'ventes_enregistrer',
  `WITH v AS (
     INSERT INTO ventes (commande_id, client_id, magasin_id, total_cents)
     VALUES (:commandeId, :clientId, :magasinId, :total)
     ON CONFLICT (commande_id) DO NOTHING
     RETURNING ${COLUMNS}
   ), l AS (
     INSERT INTO vente_lignes (vente_id, produit_id, quantite, prix_unitaire_cents)
     SELECT v.id, l.produit_id, l.quantite, l.prix_unitaire_cents
       FROM v, jsonb_to_recordset(CAST(:lignes AS jsonb))
         AS l(produit_id integer, quantite integer, prix_unitaire_cents integer)
   )
   SELECT ${COLUMNS} FROM v`,
);

/**
 * The vente and its lignes in one statement (one round trip, atomic on its own): undefined
 * when a vente already exists for that commande (a concurrent insert waits for the first).
 */
export async function insertVenteAvecLignes(
  db: Knex,
  v: NewVente,
  lignes: readonly LigneVente[],
): Promise<VenteRow | undefined> {
  const { rows } = await INSERT_VENTE_AVEC_LIGNES(db, {
    commandeId: v.commande_id,
    clientId: v.client_id,
    magasinId: v.magasin_id,
    total: v.total_cents,
    lignes: JSON.stringify(lignes),
  });
  return rows[0];
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
