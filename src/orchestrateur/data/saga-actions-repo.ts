import type { Db } from '../../lib/db.js';
import { selectFirst, selectRows } from '../../lib/sql.js';
import type { SagaRow } from './sagas-repo.js';

/** One operator action on a saga of the generic table. */
export interface SagaActionRow {
  action: 'reprendre' | 'annuler';
  par: string;
  motif: string | null;
  etat: string;
  at: Date;
}

export interface SagaOperatorClaim {
  id: string;
  nom: string;
  /** The état the operator saw; the claim fails if the saga moved meanwhile. */
  etat: string;
  /** The saga's parked état (its definition's). */
  parked: string;
  owner: string;
  leaseMs: number;
  action: SagaActionRow['action'];
  par: string;
  motif: string | null;
}

/**
 * Takes a saga that waits for an operator (suspended, or parked) for this instance, and
 * records the action in the same statement. Undefined when it no longer waits in that état
 * or another instance holds it (someone else acted first).
 */
export const claimSagaForOperator = (db: Db, c: SagaOperatorClaim): Promise<SagaRow | undefined> =>
  selectFirst(
    db,
    `WITH claimed AS (
       UPDATE sagas SET suspendue_at = NULL, suspension = NULL, au_repos = false,
              lease_owner = :owner,
              lease_until = now() + CAST(:leaseMs AS integer) * interval '1 millisecond'
        WHERE id = :id AND nom = :nom AND etat_actuel = :etat
          AND (suspendue_at IS NOT NULL OR etat_actuel = :parked)
          AND (lease_owner IS NULL OR lease_until < now())
        RETURNING *),
     recorded AS (
       INSERT INTO sagas_actions (saga_id, action, par, motif, etat)
       SELECT id, :action, :par, :motif, etat_actuel FROM claimed)
     SELECT * FROM claimed`,
    { ...c },
  );

export const findSagaActions = (db: Db, id: string): Promise<SagaActionRow[]> =>
  selectRows(
    db,
    'SELECT action, par, motif, etat, at FROM sagas_actions WHERE saga_id = :id ORDER BY id',
    { id },
  );
