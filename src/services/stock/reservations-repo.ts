import type { Db } from '../../lib/db.js';
import { claimCommande, findClaimed, markCompensated } from '../../lib/idempotency.js';
import type { LigneQuantite } from '../../lib/lignes.js';
import { type Held, prepared } from '../../lib/prepared.js';
import { selectRows } from '../../lib/sql.js';

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

const LIGNES =
  'jsonb_to_recordset(CAST(:lignes AS jsonb)) AS l(produit_id integer, quantite integer)';

const CLAIM_RESERVATION = prepared(
  'reservation_claim',
  `INSERT INTO reservations (commande_id, magasin_id, etat) VALUES (:commandeId, :magasinId, 'RESERVEE')
   ON CONFLICT (commande_id) DO NOTHING`,
);

/** claimReservation of a reservation (not a tombstone), in the caller's transaction. */
export async function claimReservee(
  held: Held,
  commandeId: string,
  magasinId: number,
): Promise<boolean> {
  return (await CLAIM_RESERVATION(held, { commandeId, magasinId })).rowCount === 1;
}

const TAKE_ALL = prepared<{ taken: number }>(
  'reservation_prendre',
  `WITH l AS (SELECT * FROM ${LIGNES}),
   locked AS (
     SELECT s.produit_id FROM stock s JOIN l USING (produit_id)
      WHERE s.magasin_id = :magasinId ORDER BY s.produit_id FOR UPDATE OF s
   ), taken AS (
     UPDATE stock s SET quantite = s.quantite - l.quantite, updated_at = now()
       FROM l
      WHERE s.magasin_id = :magasinId AND s.produit_id = l.produit_id
        AND s.produit_id IN (SELECT produit_id FROM locked) AND s.quantite >= l.quantite
      RETURNING s.produit_id
   ), kept AS (
     INSERT INTO reservation_lignes (commande_id, produit_id, quantite)
     SELECT :commandeId, l.produit_id, l.quantite FROM l
      WHERE (SELECT count(*) FROM taken) = (SELECT count(*) FROM l)
   )
   SELECT (SELECT count(*) FROM taken)::int AS taken`,
);

/**
 * Takes every line from the magasin's stock and records them, in one statement: the lines
 * are locked in produit order first (as every reservation and release locks them), then
 * each taken only if enough is left. Answers how many lines were taken: fewer than asked,
 * nothing was recorded and the caller rolls back what was taken.
 */
export async function takeAll(
  held: Held,
  commandeId: string,
  magasinId: number,
  lignes: readonly LigneQuantite[],
): Promise<number> {
  const params = { commandeId, magasinId, lignes: JSON.stringify(lignes) };
  return (await TAKE_ALL(held, params)).rows[0]?.taken ?? 0;
}

const SHORTFALL = prepared<{ magasin: boolean; produit_id: number; available: number | null }>(
  'reservation_manque',
  `SELECT EXISTS (SELECT 1 FROM stock WHERE magasin_id = :magasinId) AS magasin,
          l.produit_id, s.quantite AS available
     FROM ${LIGNES}
     LEFT JOIN stock s ON s.magasin_id = :magasinId AND s.produit_id = l.produit_id
    ORDER BY l.produit_id`,
);

/** Why a reservation could not be taken: each line's level now (null: not sold there). */
export async function shortfall(held: Held, magasinId: number, lignes: readonly LigneQuantite[]) {
  const { rows } = await SHORTFALL(held, { magasinId, lignes: JSON.stringify(lignes) });
  return { magasin: rows[0]?.magasin === true, levels: rows };
}

const RESERVATION = prepared<ReservationRow>(
  'reservation_lire',
  'SELECT commande_id, magasin_id, etat, created_at, liberee_at FROM reservations WHERE commande_id = :commandeId',
);
const RESERVATION_LIGNES = prepared<LigneQuantite>(
  'reservation_lignes_lire',
  'SELECT produit_id, quantite FROM reservation_lignes WHERE commande_id = :commandeId ORDER BY produit_id',
);

/** A reservation and its lines, read in the caller's transaction (a repeated reservation). */
export async function findReservationOn(held: Held, commandeId: string) {
  const [r, l] = [
    await RESERVATION(held, { commandeId }),
    await RESERVATION_LIGNES(held, { commandeId }),
  ];
  return r.rows[0] && { ...r.rows[0], lignes: l.rows };
}
