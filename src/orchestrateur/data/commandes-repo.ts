import type { Knex } from 'knex';
import type { Db } from '../../lib/db.js';
import { prepared } from '../../lib/prepared.js';
import { storableStrings } from '../../lib/text.js';
import type { Echec } from '../../saga/index.js';
import type { LigneCommande, Suspension } from '../checkout/commande.js';
import { type EtatCommande, ROLES } from '../checkout/transitions.js';
import type { CommandeRow, HistoriqueRow } from './commande-rows.js';

/**
 * Every statement on `commandes` and `etat_saga`: creation, the guarded transition, reads,
 * leases and claiming. Each function takes the database (or a transaction) first.
 */

const RESTING: readonly EtatCommande[] = [ROLES.confirmed, ROLES.cancelled, ROLES.parked];
const resting = RESTING.map((e) => `'${e}'`).join(', ');
const leaseUntil = `now() + CAST(:leaseMs AS integer) * interval '1 millisecond'`;

/**
 * Every statement that writes several commandes locks them first in id order, so two of
 * them (a lease renewal and a grouped transition of one instance) can never deadlock.
 */
const lockInIdOrder = (ids: string): string =>
  `SELECT id FROM commandes WHERE id IN (${ids}) ORDER BY id FOR UPDATE`;

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

/**
 * Creates the commande in INITIEE with its first history row, in one statement.
 * Undefined when the idempotency key is already taken.
 */
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

export interface TransitionWrite {
  id: string;
  from: EtatCommande;
  to: EtatCommande;
  owner: string;
  leaseMs: number;
  /** true: take the saga over whoever holds it (operator resume); false: must hold it. */
  claim: boolean;
  totalCents?: number | null | undefined;
  lignes?: LigneCommande[] | null | undefined;
  echec?: Echec | undefined;
  detail: Readonly<Record<string, unknown>>;
}

/**
 * The guarded transition for a batch of sagas in one statement (so one transaction): each
 * row moves only if it is still in its `from` state (and still ours), and its history row
 * is inserted alongside. A row that did not move is absent from the result.
 */
const applyTransitionsSql = prepared<Written & { idx: number }>(
  'apply_transitions',
  `WITH input AS (
       SELECT * FROM jsonb_to_recordset(CAST(:batch AS jsonb)) AS x(
         idx int, id uuid, from_etat text, to_etat text, owner text, lease_ms int,
         claim boolean, total bigint, lignes jsonb, echec_etape text, echec_code text,
         echec_message text, echec_type text, echec_incertain boolean, detail jsonb)),
     locked AS (${lockInIdOrder('SELECT id FROM input')}),
     moved AS (
       UPDATE commandes c SET
         etat_actuel   = i.to_etat,
         version       = c.version + 1,
         updated_at    = clock_timestamp(),
         lease_owner   = i.owner,
         lease_until   = now() + i.lease_ms * interval '1 millisecond',
         total_cents   = COALESCE(i.total, c.total_cents),
         lignes        = COALESCE(i.lignes, c.lignes),
         echec_etape   = COALESCE(i.echec_etape, c.echec_etape),
         echec_code    = COALESCE(i.echec_code, c.echec_code),
         echec_message = COALESCE(i.echec_message, c.echec_message),
         echec_type    = COALESCE(i.echec_type, c.echec_type),
         echec_incertain = COALESCE(i.echec_incertain, c.echec_incertain)
       FROM input i JOIN locked l ON l.id = i.id
       WHERE c.id = i.id AND c.etat_actuel = i.from_etat AND (i.claim OR c.lease_owner = i.owner)
       RETURNING i.idx, c.id, i.to_etat, c.version, c.updated_at, i.detail),
     history AS (
       INSERT INTO etat_saga (commande_id, etat, version, at, detail)
       SELECT id, to_etat, version, updated_at, detail FROM moved)
   SELECT idx, version, updated_at AS at FROM moved`,
);

const toRecord = (t: TransitionWrite, idx: number): Record<string, unknown> => ({
  idx,
  id: t.id,
  from_etat: t.from,
  to_etat: t.to,
  owner: t.owner,
  lease_ms: t.leaseMs,
  claim: t.claim,
  total: t.totalCents ?? null,
  lignes: t.lignes ?? null,
  echec_etape: t.echec?.etape ?? null,
  echec_code: t.echec?.code ?? null,
  echec_message: t.echec?.message ?? null,
  echec_type: t.echec?.type ?? null,
  echec_incertain: t.echec?.incertain ?? null,
  detail: t.detail,
});

/** Applies the batch; the i-th result is the new version of the i-th write, or undefined. */
export async function applyTransitions(
  db: Knex,
  writes: readonly TransitionWrite[],
): Promise<(Written | undefined)[]> {
  const { rows } = await applyTransitionsSql(db, {
    batch: JSON.stringify(writes.map(toRecord), storableStrings),
  });
  const byIdx = new Map(rows.map((r) => [r.idx, { version: r.version, at: r.at }]));
  return writes.map((_w, idx) => byIdx.get(idx));
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

/** The list's filters, as the API names them. */
export interface CommandeFilter {
  etat?: EtatCommande | undefined;
  client_id?: number | undefined;
  magasin_id?: number | undefined;
  limit: number;
}

export async function listCommandes(db: Db, f: CommandeFilter): Promise<CommandeRow[]> {
  const { rows } = await db.raw<{ rows: CommandeRow[] }>(
    `SELECT * FROM commandes
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
       WHERE etat_actuel NOT IN (${resting}) AND suspendue_at IS NULL
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

/** Renews the leases of the sagas this instance is driving now; returns those it still held. */
export async function renewLeases(
  db: Db,
  owner: string,
  ids: readonly string[],
  leaseMs: number,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.raw<{ rows: { id: string }[] }>(
    `WITH locked AS (${lockInIdOrder('SELECT unnest(CAST(:ids AS uuid[]))')})
     UPDATE commandes c SET lease_until = ${leaseUntil}
     FROM locked l WHERE c.id = l.id AND c.lease_owner = :owner
     RETURNING c.id`,
    { owner, ids: [...ids], leaseMs },
  );
  return rows.map((r) => r.id);
}

/**
 * Leaves a saga this instance drives waiting for an operator in its current état: the
 * lease is given back and recovery skips it. False when it was no longer ours.
 */
export async function suspendSaga(
  db: Db,
  owner: string,
  id: string,
  suspension: Suspension,
): Promise<boolean> {
  const result = await db.raw<{ rowCount: number }>(
    `UPDATE commandes SET suspendue_at = now(), suspension = CAST(:suspension AS jsonb),
            lease_owner = NULL, lease_until = now()
      WHERE id = :id AND lease_owner = :owner`,
    { id, owner, suspension: JSON.stringify(suspension, storableStrings) },
  );
  return result.rowCount === 1;
}

/** Operator: takes a suspended saga (whoever suspended it) to drive it on; undefined if not suspended. */
export async function resumeSuspended(
  db: Db,
  owner: string,
  id: string,
  leaseMs: number,
): Promise<CommandeRow | undefined> {
  const { rows } = await db.raw<{ rows: CommandeRow[] }>(
    `UPDATE commandes SET suspendue_at = NULL, suspension = NULL,
            lease_owner = :owner, lease_until = ${leaseUntil}
      WHERE id = :id AND suspendue_at IS NOT NULL
      RETURNING *`,
    { id, owner, leaseMs },
  );
  return rows[0];
}

/** Gives sagas back at once (shutdown) so another instance need not wait for the lease. */
export async function releaseLeases(
  db: Db,
  owner: string,
  ids: readonly string[],
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db.raw<{ rowCount: number }>(
    `WITH locked AS (${lockInIdOrder('SELECT unnest(CAST(:ids AS uuid[]))')})
     UPDATE commandes c SET lease_owner = NULL, lease_until = now()
     FROM locked l WHERE c.id = l.id AND c.lease_owner = :owner`,
    { owner, ids: [...ids] },
  );
  return result.rowCount;
}
