import type { Db } from '../../lib/db.js';

export type EtatReservation = 'RESERVEE' | 'LIBEREE';

export interface ReservationRow {
  commande_id: string;
  magasin_id: number | null;
  etat: EtatReservation;
  created_at: Date;
  liberee_at: Date | null;
}

export interface LigneReservee {
  produit_id: number;
  quantite: number;
}

const COLUMNS = 'commande_id, magasin_id, etat, created_at, liberee_at';

/**
 * Claims the commande id. Returns false when a reservation (or tombstone) already holds it;
 * a concurrent claim of the same id waits here until the first transaction ends.
 */
export async function claimReservation(
  db: Db,
  commandeId: string,
  magasinId: number | null,
  etat: EtatReservation,
): Promise<boolean> {
  const result = await db.raw<{ rowCount: number }>(
    `INSERT INTO reservations (commande_id, magasin_id, etat, liberee_at)
     VALUES (:commandeId, :magasinId, :etat, CASE WHEN :etat = 'LIBEREE' THEN now() END)
     ON CONFLICT (commande_id) DO NOTHING`,
    { commandeId, magasinId, etat },
  );
  return result.rowCount === 1;
}

export async function findReservation(
  db: Db,
  commandeId: string,
  opts: { forUpdate: boolean } = { forUpdate: false },
): Promise<ReservationRow | undefined> {
  const { rows } = await db.raw<{ rows: ReservationRow[] }>(
    `SELECT ${COLUMNS} FROM reservations WHERE commande_id = :commandeId
     ${opts.forUpdate ? 'FOR UPDATE' : ''}`,
    { commandeId },
  );
  return rows[0];
}

export async function insertLignes(
  db: Db,
  commandeId: string,
  lignes: readonly LigneReservee[],
): Promise<void> {
  await db.raw(
    `INSERT INTO reservation_lignes (commande_id, produit_id, quantite)
     SELECT :commandeId, l.produit_id, l.quantite
       FROM jsonb_to_recordset(CAST(:lignes AS jsonb)) AS l(produit_id integer, quantite integer)`,
    { commandeId, lignes: JSON.stringify(lignes) },
  );
}

export async function findLignes(db: Db, commandeId: string): Promise<LigneReservee[]> {
  const { rows } = await db.raw<{ rows: LigneReservee[] }>(
    `SELECT produit_id, quantite FROM reservation_lignes WHERE commande_id = :commandeId
      ORDER BY produit_id`,
    { commandeId },
  );
  return rows;
}

export async function markLiberee(db: Db, commandeId: string): Promise<void> {
  await db.raw(
    `UPDATE reservations SET etat = 'LIBEREE', liberee_at = now()
      WHERE commande_id = :commandeId AND etat = 'RESERVEE'`,
    { commandeId },
  );
}
