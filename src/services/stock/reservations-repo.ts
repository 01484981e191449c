import type { Db } from '../../lib/db.js';
import { claimCommande, findClaimed, markCompensated } from '../../lib/idempotency.js';
import type { LigneQuantite } from '../../lib/lignes.js';
import type { Knex } from 'knex';
import { prepared, type Runner } from '../../lib/prepared.js';
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

const RESERVER = prepared<{ claimed: number }>(
  'reservation_reserver',
  `WITH l AS (SELECT * FROM ${LIGNES}),
   claim AS (
     INSERT INTO reservations (commande_id, magasin_id, etat)
     VALUES (:commandeId, :magasinId, 'RESERVEE')
     ON CONFLICT (commande_id) DO NOTHING
     RETURNING commande_id
   ), locked AS (
     SELECT s.produit_id FROM stock s JOIN l USING (produit_id)
      WHERE s.magasin_id = :magasinId AND EXISTS (SELECT 1 FROM claim)
      ORDER BY s.produit_id FOR UPDATE OF s
   ), taken AS (
     UPDATE stock s SET quantite = s.quantite - l.quantite, updated_at = now()
       FROM l
      WHERE s.magasin_id = :magasinId AND s.produit_id = l.produit_id
        AND s.produit_id IN (SELECT produit_id FROM locked) AND s.quantite >= l.quantite
      RETURNING s.produit_id
   ), kept AS (
     INSERT INTO reservation_lignes (commande_id, produit_id, quantite)
     SELECT commande_id, l.produit_id, l.quantite FROM claim, l
      WHERE (SELECT count(*) FROM taken) = (SELECT count(*) FROM l)
   )
   SELECT n.claimed, CASE WHEN n.claimed = 1 AND n.taken < n.asked THEN refuser('STOCK_MANQUANT') END
     FROM (SELECT (SELECT count(*) FROM claim)::int AS claimed,
                  (SELECT count(*) FROM taken)::int AS taken,
                  (SELECT count(*) FROM l)::int AS asked) n`,
);

/**
 * A reservation in one statement (atomic on its own, one round trip): the commande claimed
 * (a concurrent claim of the same id waits for the first), its lines locked in produit order
 * (as every reservation and release locks them), each taken only if enough is left, and
 * recorded. If a line is short the statement refuses with STOCK_MANQUANT and leaves nothing,
 * claim included (see `shortfall` for why). False: the commande was already claimed.
 */
export async function reserver(
  db: Knex,
  commandeId: string,
  magasinId: number,
  lignes: readonly LigneQuantite[],
): Promise<boolean> {
  const params = { commandeId, magasinId, lignes: JSON.stringify(lignes) };
  return (await RESERVER(db, params)).rows[0]?.claimed === 1;
}

const SHORTFALL = prepared<{ magasin: boolean; produit_id: number; available: number | null }>(
  'reservation_manque',
  `SELECT EXISTS (SELECT 1 FROM stock WHERE magasin_id = :magasinId) AS magasin,
          l.produit_id, s.quantite AS available
     FROM ${LIGNES}
     LEFT JOIN stock s ON s.magasin_id = :magasinId AND s.produit_id = l.produit_id
    ORDER BY l.produit_id`,
);

/**
 * Why a reservation was refused: each line's level now (null: not sold there). Read after
 * the refusal, outside its statement: a level may have moved meanwhile, so it may show no
 * line short (the caller then answers a 5xx and the saga tries again).
 */
export async function shortfall(db: Runner, magasinId: number, lignes: readonly LigneQuantite[]) {
  const { rows } = await SHORTFALL(db, { magasinId, lignes: JSON.stringify(lignes) });
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

/** A reservation and its lines (a repeated reservation). */
export async function findReservationOn(db: Runner, commandeId: string) {
  const [r, l] = [
    await RESERVATION(db, { commandeId }),
    await RESERVATION_LIGNES(db, { commandeId }),
  ];
  return r.rows[0] && { ...r.rows[0], lignes: l.rows };
}
