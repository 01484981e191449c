import type { Db } from '../../lib/db.js';
import type { CommandeFilter } from '../checkout/commande.js';
import { restingStates } from '../../saga/index.js';
import { type EtatCommande, ROLES, transitions } from '../checkout/transitions.js';
import type { CommandeRow, HistoriqueRow } from './commande-rows.js';
import { leaseStatements } from './lease-statements.js';
import { LAST_ACTION_COLUMN } from './operator-repo.js';

/**
 * Every statement on `commandes` and `etat_saga` but the grouped write (saga-writes.ts):
 * reads, leases, claiming, suspension. Each function takes the database (or a transaction)
 * first.
 */

const RESTING: readonly EtatCommande[] = restingStates(transitions, ROLES);
const resting = RESTING.map((e) => `'${e}'`).join(', ');
const leaseUntil = `now() + CAST(:leaseMs AS integer) * interval '1 millisecond'`;

export async function findCommande(db: Db, id: string): Promise<CommandeRow | undefined> {
  const { rows } = await db.raw<{ rows: CommandeRow[] }>('SELECT * FROM commandes WHERE id = :id', {
    id,
  });
  return rows[0];
}

export async function findByIdempotencyKey(db: Db, key: string): Promise<CommandeRow | undefined> {
  const { rows } = await db.raw<{ rows: CommandeRow[] }>(
    'SELECT * FROM commandes WHERE idempotency_key = :key',
    { key },
  );
  return rows[0];
}

export async function findHistorique(db: Db, id: string): Promise<HistoriqueRow[]> {
  const { rows } = await db.raw<{ rows: HistoriqueRow[] }>(
    'SELECT etat, at, detail FROM etat_saga WHERE commande_id = :id ORDER BY version',
    { id },
  );
  return rows;
}

export async function listCommandes(db: Db, f: CommandeFilter): Promise<CommandeRow[]> {
  const { rows } = await db.raw<{ rows: CommandeRow[] }>(
    `SELECT *, ${LAST_ACTION_COLUMN} FROM commandes
     WHERE (CAST(:etat AS text) IS NULL OR etat_actuel = :etat)
       AND (CAST(:clientId AS integer) IS NULL OR client_id = :clientId)
       AND (CAST(:magasinId AS integer) IS NULL OR magasin_id = :magasinId)
     ORDER BY created_at DESC, id DESC
     LIMIT :limit`,
    {
      etat: f.etat ?? null,
      clientId: f.client_id ?? null,
      magasinId: f.magasin_id ?? null,
      limit: f.limit,
    },
  );
  return rows;
}

export async function countByEtat(db: Db): Promise<{ etat: EtatCommande; n: number }[]> {
  const { rows } = await db.raw<{ rows: { etat: EtatCommande; n: number }[] }>(
    'SELECT etat_actuel AS etat, count(*)::int AS n FROM commandes GROUP BY etat_actuel',
  );
  return rows;
}

/** Unfinished sagas by the definition version they started under, and état. */
export async function countByVersion(
  db: Db,
): Promise<{ version: string; etat: EtatCommande; n: number }[]> {
  const { rows } = await db.raw<{ rows: { version: string; etat: EtatCommande; n: number }[] }>(
    `SELECT definition_version AS version, etat_actuel AS etat, count(*)::int AS n
       FROM commandes WHERE etat_actuel NOT IN (:confirmed, :cancelled)
      GROUP BY definition_version, etat_actuel`,
    { confirmed: ROLES.confirmed, cancelled: ROLES.cancelled },
  );
  return rows;
}

export interface AbandonedRow extends CommandeRow {
  previous_owner: string | null;
  lag_seconds: number;
}

/**
 * Takes over up to `batch` unfinished sagas whose lease ran out, among those started under
 * a definition version this instance drives (`versions`; the others wait for an instance
 * that does). SKIP LOCKED: two instances scanning at once never take the same row.
 */
export async function claimAbandoned(
  db: Db,
  owner: string,
  leaseMs: number,
  batch: number,
  versions: readonly string[],
): Promise<AbandonedRow[]> {
  const { rows } = await db.raw<{ rows: AbandonedRow[] }>(
    `WITH abandoned AS (
       SELECT id, lease_until AS expired_at, lease_owner AS previous_owner FROM commandes
       WHERE etat_actuel NOT IN (${resting}) AND suspendue_at IS NULL
         AND (lease_until IS NULL OR lease_until < now())
         AND definition_version = ANY(CAST(:versions AS text[]))
       ORDER BY lease_until NULLS FIRST
       LIMIT :batch
       FOR UPDATE SKIP LOCKED)
     UPDATE commandes c SET lease_owner = :owner, lease_until = ${leaseUntil}
     FROM abandoned a WHERE c.id = a.id
     RETURNING c.*, a.previous_owner, EXTRACT(EPOCH FROM now() - COALESCE(a.expired_at, now()))::float8 AS lag_seconds`,
    { owner, leaseMs, batch, versions: [...versions] },
  );
  return rows;
}

const leases = leaseStatements('commandes');

/** Renews the leases of the sagas this instance is driving now; returns those it still held. */
export const renewLeases = leases.renew;

/**
 * Leaves a saga this instance drives waiting for an operator in its current état: the
 * lease is given back and recovery skips it. False when it was no longer ours.
 */
export const suspendSaga = leases.suspend;

/** Gives sagas back at once (shutdown) so another instance need not wait for the lease. */
export const releaseLeases = leases.release;
