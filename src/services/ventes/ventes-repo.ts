import type { Db } from '../../lib/db.js';

export interface LigneVente {
  produit_id: number;
  quantite: number;
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

const COLUMNS = 'id, commande_id, client_id, magasin_id, total_cents, created_at';

/** Undefined when a vente already exists for that commande (a concurrent insert waits). */
export async function insertVente(db: Db, v: NewVente): Promise<VenteRow | undefined> {
  const { rows } = await db.raw<{ rows: VenteRow[] }>(
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
  return rows[0];
}

export async function insertLignes(
  db: Db,
  venteId: number,
  lignes: readonly LigneVente[],
): Promise<void> {
  await db.raw(
    `INSERT INTO vente_lignes (vente_id, produit_id, quantite, prix_unitaire_cents)
     SELECT :venteId, l.produit_id, l.quantite, l.prix_unitaire_cents
       FROM jsonb_to_recordset(CAST(:lignes AS jsonb))
         AS l(produit_id integer, quantite integer, prix_unitaire_cents integer)`,
    { venteId, lignes: JSON.stringify(lignes) },
  );
}

export async function findVente(db: Db, id: number): Promise<VenteRow | undefined> {
  const { rows } = await db.raw<{ rows: VenteRow[] }>(
    `SELECT ${COLUMNS} FROM ventes WHERE id = :id`,
    { id },
  );
  return rows[0];
}

export async function findVenteByCommande(
  db: Db,
  commandeId: string,
): Promise<VenteRow | undefined> {
  const { rows } = await db.raw<{ rows: VenteRow[] }>(
    `SELECT ${COLUMNS} FROM ventes WHERE commande_id = :commandeId`,
    { commandeId },
  );
  return rows[0];
}

export async function findLignes(
  db: Db,
  venteIds: readonly number[],
): Promise<(LigneVente & { vente_id: number })[]> {
  if (venteIds.length === 0) return [];
  const { rows } = await db.raw<{ rows: (LigneVente & { vente_id: number })[] }>(
    `SELECT vente_id, produit_id, quantite, prix_unitaire_cents FROM vente_lignes
      WHERE vente_id IN (SELECT CAST(value AS integer) FROM jsonb_array_elements_text(CAST(:ids AS jsonb)))
      ORDER BY vente_id, produit_id`,
    { ids: JSON.stringify(venteIds) },
  );
  return rows;
}

export async function listVentes(
  db: Db,
  filter: {
    magasinId: number | undefined;
    clientId: number | undefined;
    limit: number;
    offset: number;
  },
): Promise<VenteRow[]> {
  const { rows } = await db.raw<{ rows: VenteRow[] }>(
    `SELECT ${COLUMNS} FROM ventes
      WHERE (CAST(:magasinId AS integer) IS NULL OR magasin_id = :magasinId)
        AND (CAST(:clientId AS integer) IS NULL OR client_id = :clientId)
      ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset`,
    {
      magasinId: filter.magasinId ?? null,
      clientId: filter.clientId ?? null,
      limit: filter.limit,
      offset: filter.offset,
    },
  );
  return rows;
}
