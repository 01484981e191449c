import type { Db } from '../../lib/db.js';
import { type EtatCommande, ROLES } from '../checkout/transitions.js';
import type { ActionRow, CommandeRow } from './commande-rows.js';

/**
 * The statements of operator actions: taking a waiting commande over with the record of
 * who did what and why, reading those records, and counting what waits for an operator.
 */

const leaseUntil = `now() + CAST(:leaseMs AS integer) * interval '1 millisecond'`;

export interface OperatorClaim {
  id: string;
  /** The état the operator saw; the claim fails if the commande moved meanwhile. */
  etat: EtatCommande;
  owner: string;
  leaseMs: number;
  action: ActionRow['action'];
  par: string;
  motif: string | null;
}

/**
 * Takes a commande that waits for an operator (suspended, or parked) for this instance,
 * and records the action in the same statement. Undefined when it no longer waits in
 * that état, or when another instance holds it (someone else acted first).
 */
export async function claimForOperator(db: Db, c: OperatorClaim): Promise<CommandeRow | undefined> {
  const { rows } = await db.raw<{ rows: CommandeRow[] }>(
    `WITH claimed AS (
       UPDATE commandes SET suspendue_at = NULL, suspension = NULL,
              lease_owner = :owner, lease_until = ${leaseUntil}
        WHERE id = :id AND etat_actuel = :etat
          AND (suspendue_at IS NOT NULL OR etat_actuel = :parked)
          AND (lease_owner IS NULL OR lease_until < now())
        RETURNING *),
     recorded AS (
       INSERT INTO actions_operateur (commande_id, action, par, motif, etat)
       SELECT id, :action, :par, :motif, etat_actuel FROM claimed)
     SELECT * FROM claimed`,
    {
      id: c.id,
      etat: c.etat,
      parked: ROLES.parked,
      owner: c.owner,
      leaseMs: c.leaseMs,
      action: c.action,
      par: c.par,
      motif: c.motif,
    },
  );
  return rows[0];
}

export async function findActions(db: Db, id: string): Promise<ActionRow[]> {
  const { rows } = await db.raw<{ rows: ActionRow[] }>(
    `SELECT action, par, motif, etat, at FROM actions_operateur
      WHERE commande_id = :id ORDER BY id`,
    { id },
  );
  return rows;
}

/** The list's column: the last operator action of each commande listed. */
export const LAST_ACTION_COLUMN = `(
  SELECT jsonb_build_object('action', a.action, 'par', a.par, 'motif', a.motif,
                            'etat', a.etat, 'at', a.at)
    FROM actions_operateur a WHERE a.commande_id = commandes.id
   ORDER BY a.id DESC LIMIT 1) AS derniere_action`;

export interface Waiting {
  attente: 'suspendue' | 'parquee';
  etat: EtatCommande;
  n: number;
  /** How long the one that waits longest has waited. */
  oldest_seconds: number;
}

/** Sagas waiting for an operator, by kind and état. */
export async function countWaiting(db: Db): Promise<Waiting[]> {
  const { rows } = await db.raw<{ rows: Waiting[] }>(
    `SELECT 'suspendue' AS attente, etat_actuel AS etat, count(*)::int AS n,
            EXTRACT(EPOCH FROM now() - min(suspendue_at))::float8 AS oldest_seconds
       FROM commandes WHERE suspendue_at IS NOT NULL GROUP BY etat_actuel
     UNION ALL
     SELECT 'parquee', etat_actuel, count(*)::int,
            EXTRACT(EPOCH FROM now() - min(updated_at))::float8
       FROM commandes WHERE etat_actuel = :parked GROUP BY etat_actuel`,
    { parked: ROLES.parked },
  );
  return rows;
}
