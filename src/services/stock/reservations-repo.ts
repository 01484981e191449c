import type { Db } from '../../lib/db.js';
import { claimCommande, findClaimed, markCompensated } from '../../lib/idempotency.js';
import type { LigneQuantite } from '../../lib/lignes.js';
import { execute, selectRows } from '../../lib/sql.js';

export type EtatReservation = 'RESERVEE' | 'LIBEREE';

export interface ReservationRow {
  commande_id: string;
  magasin_id: number | null;
  etat: EtatReservation;
  created_at: Date;
  liberee_at: Date | null;
}

/** Claims the commande id (see claimCommande); LIBEREE without magasin is a tombstone. */
export function claimReservation(
  db: Db,
  commandeId: string,
  magasinId: number | null,
  etat: EtatReservation,
): Promise<boolean> {
  return claimCommande(db, 'reservations', {
    commande_id: commandeId,
    magasin_id: magasinId,
    etat,
    liberee_at: etat === 'LIBEREE' ? db.fn.now() : null,
  });
}

export const findReservation = (db: Db, commandeId: string, opts = { forUpdate: false }) =>
  findClaimed<ReservationRow>(
    db,
    'reservations',
    'commande_id, magasin_id, etat, created_at, liberee_at',
    commandeId,
    opts,
  );

export async function insertLignes(
  db: Db,
  commandeId: string,
  lignes: readonly LigneQuantite[],
): Promise<void> {
  await execute(
    db,
    `INSERT INTO reservation_lignes (commande_id, produit_id, quantite)
     SELECT :commandeId, l.produit_id, l.quantite
       FROM jsonb_to_recordset(CAST(:lignes AS jsonb)) AS l(produit_id integer, quantite integer)`,
    { commandeId, lignes: JSON.stringify(lignes) },
  );
}

export function findLignes(db: Db, commandeId: string): Promise<LigneQuantite[]> {
  return selectRows(
    db,
    `SELECT produit_id, quantite FROM reservation_lignes WHERE commande_id = :commandeId
      ORDER BY produit_id`,
    { commandeId },
  );
}

export const markLiberee = (db: Db, commandeId: string): Promise<void> =>
  markCompensated(db, 'reservations', commandeId, {
    from: 'RESERVEE',
    to: 'LIBEREE',
    stamp: 'liberee_at',
  });
