import type { Knex } from 'knex';
import type { Db } from '../../lib/db.js';
import { prepared } from '../../lib/prepared.js';
import type { EtatCommande } from '../domain/etat-commande.js';
import type { EchecType } from '../domain/saga-types.js';
import { RESTING_STATES } from '../domain/transitions.js';

export interface LigneCommande {
  produit_id: number;
  quantite: number;
  prix_unitaire_cents: number;
}

export interface CommandeRow {
  id: string;
  client_id: number;
  magasin_id: number;
  etat_actuel: EtatCommande;
  total_cents: number | null;
  lignes: LigneCommande[] | null;
  echec_etape: string | null;
  echec_code: string | null;
  echec_message: string | null;
  echec_type: EchecType | null;
  echec_incertain: boolean;
  idempotency_key: string | null;
  request_hash: string;
  version: number;
  lease_owner: string | null;
  lease_until: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface HistoriqueRow {
  etat: EtatCommande;
  at: Date;
  detail: Record<string, unknown>;
}

const resting = RESTING_STATES.map((e) => `'${e}'`).join(', ');
const leaseUntil = `now() + CAST(:leaseMs AS integer) * interval '1 millisecond'`;

export interface NewCommande {
  id: string;
  client_id: number;
  magasin_id: number;
  idempotencyKey: string | null;
  requestHash: string;
  owner: string;
  leaseMs: number;
}

export interface Written {
  version: number;
  at: Date;
}

/**
 * Creates the commande in INITIEE with its first history row, in one statement.
 * Returns undefined when the idempotency key is already taken.
 */
const insertCommandeSql = prepared<Written>(
  'insert_commande',
  `WITH created AS (
       INSERT INTO commandes (id, client_id, magasin_id, etat_actuel, idempotency_key,
                              request_hash, lease_owner, lease_until)
       VALUES (:id, :clientId, :magasinId, 'INITIEE', :key, :hash, :owner, ${leaseUntil})
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id, version, created_at)
     INSERT INTO etat_saga (commande_id, etat, version, at, detail)
     SELECT id, 'INITIEE', version, created_at, '{}' FROM created
     RETURNING version, at`,
);

export async function insertCommande(db: Knex, c: NewCommande): Promise<Written | undefined> {
  const { rows } = await insertCommandeSql(db, {
    id: c.id,
    clientId: c.client_id,
    magasinId: c.magasin_id,
    key: c.idempotencyKey,
    hash: c.requestHash,
    owner: c.owner,
    leaseMs: c.leaseMs,
  });
  return rows[0];
}

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

export interface CommandeFilter {
  etat?: EtatCommande | undefined;
  clientId?: number | undefined;
  limit: number;
}

export async function listCommandes(db: Db, f: CommandeFilter): Promise<CommandeRow[]> {
  const { rows } = await db.raw<{ rows: CommandeRow[] }>(
    `SELECT * FROM commandes
     WHERE (CAST(:etat AS text) IS NULL OR etat_actuel = :etat)
       AND (CAST(:clientId AS integer) IS NULL OR client_id = :clientId)
     ORDER BY created_at DESC, id DESC
     LIMIT :limit`,
    { etat: f.etat ?? null, clientId: f.clientId ?? null, limit: f.limit },
  );
  return rows;
}

export interface AbandonedRow extends CommandeRow {
  previous_owner: string | null;
  lag_seconds: number;
}

/**
 * Takes over up to `batch` unfinished sagas whose lease ran out. SKIP LOCKED: two
 * instances scanning at once never take the same row.
 */
export async function claimAbandoned(
  db: Db,
  owner: string,
  leaseMs: number,
  batch: number,
): Promise<AbandonedRow[]> {
  const { rows } = await db.raw<{ rows: AbandonedRow[] }>(
    `WITH abandoned AS (
       SELECT id, lease_until AS expired_at, lease_owner AS previous_owner FROM commandes
       WHERE etat_actuel NOT IN (${resting})
         AND (lease_until IS NULL OR lease_until < now())
       ORDER BY lease_until NULLS FIRST
       LIMIT :batch
       FOR UPDATE SKIP LOCKED)
     UPDATE commandes c SET lease_owner = :owner, lease_until = ${leaseUntil}
     FROM abandoned a WHERE c.id = a.id
     RETURNING c.*, a.previous_owner, EXTRACT(EPOCH FROM now() - COALESCE(a.expired_at, now()))::float8 AS lag_seconds`,
    { owner, leaseMs, batch },
  );
  return rows;
}

/** One statement renews every lease this instance holds on unfinished sagas. */
export async function renewLeases(db: Db, owner: string, leaseMs: number): Promise<number> {
  const result = await db.raw<{ rowCount: number }>(
    `UPDATE commandes SET lease_until = ${leaseUntil}
     WHERE lease_owner = :owner AND etat_actuel NOT IN (${resting})`,
    { owner, leaseMs },
  );
  return result.rowCount;
}

/** Gives sagas back at once (shutdown) so another instance need not wait for the lease. */
export async function releaseLeases(
  db: Db,
  owner: string,
  ids: readonly string[],
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db.raw<{ rowCount: number }>(
    `UPDATE commandes SET lease_owner = NULL, lease_until = now()
     WHERE lease_owner = :owner AND id = ANY(CAST(:ids AS uuid[]))`,
    { owner, ids: [...ids] },
  );
  return result.rowCount;
}

export async function countByEtat(db: Db): Promise<{ etat: EtatCommande; n: number }[]> {
  const { rows } = await db.raw<{ rows: { etat: EtatCommande; n: number }[] }>(
    'SELECT etat_actuel AS etat, count(*)::int AS n FROM commandes GROUP BY etat_actuel',
  );
  return rows;
}
