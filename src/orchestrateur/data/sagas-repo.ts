import type { Db } from '../../lib/db.js';
import { selectFirst, selectRows } from '../../lib/sql.js';
import { storableStrings } from '../../lib/text.js';
import type { Echec, HistoryEntry, SagaRecord, Suspension } from '../../saga/index.js';

/**
 * Every statement on the generic `sagas` table (sagas other than the checkout): guarded
 * writes with their history, reads, and recovery's claim. Each takes the database first.
 */

/** A row of `sagas`, as PostgreSQL returns it. */
export interface SagaRow {
  id: string;
  nom: string;
  definition_version: string;
  etat_actuel: string;
  data: unknown;
  echec: Echec | null;
  idempotency_key: string | null;
  request_hash: string;
  version: number;
  suspension: Suspension | null;
  trace_parent: string | null;
  lease_owner: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface AbandonedSagaRow extends SagaRow {
  previous_owner: string | null;
  lag_seconds: number;
}

const leaseUntil = `now() + CAST(:leaseMs AS integer) * interval '1 millisecond'`;
const json = (value: unknown): string => JSON.stringify(value, storableStrings);

/** One write: a saga created into (or moved through) `reached`, guarded by `from`. */
export interface SagaRowWrite {
  id: string;
  nom: string;
  from: string;
  reached: readonly { etat: string; detail: Readonly<Record<string, unknown>> }[];
  data: unknown;
  echec: Echec | null;
  owner: string;
  leaseMs: number;
  /** Terminal or waiting for an operator: the lease is given back. */
  release: boolean;
  /** true: take the saga over whoever holds it (an operator's action); false: must hold it. */
  claim: boolean;
  /** Present for the first write: the row is inserted (skipped if its key is taken). */
  creation?: {
    version: string;
    idempotencyKey: string | null;
    requestHash: string;
    traceParent: string | null;
  };
}

export interface SagaWritten {
  version: number;
  at: Date;
  createdAt: Date;
}

const HISTORY = `INSERT INTO sagas_historique (saga_id, etat, version, at, detail)
  SELECT w.id, s.step->>'etat', w.version - :n + s.ord::int, w.updated_at, s.step->'detail'
    FROM w, jsonb_array_elements(CAST(:steps AS jsonb)) WITH ORDINALITY AS s(step, ord)`;

const CREATE = `WITH w AS (
    INSERT INTO sagas (id, nom, definition_version, etat_actuel, au_repos, data, echec,
      idempotency_key, request_hash, version, lease_owner, lease_until, trace_parent)
    VALUES (:id, :nom, :definitionVersion, :to, :release, CAST(:data AS jsonb),
      CAST(:echec AS jsonb), :key, :hash, 1 + :n,
      CASE WHEN :release THEN NULL ELSE :owner END,
      CASE WHEN :release THEN now() ELSE ${leaseUntil} END, :traceParent)
    ON CONFLICT (nom, idempotency_key) DO NOTHING
    RETURNING id, version, updated_at, created_at),
  first AS (INSERT INTO sagas_historique (saga_id, etat, version, at)
    SELECT id, :from, 1, created_at FROM w),
  h AS (${HISTORY})
  SELECT version, updated_at AS at, created_at AS "createdAt" FROM w`;

const MOVE = `WITH w AS (
    UPDATE sagas SET etat_actuel = :to, au_repos = :release, version = version + :n,
      data = CAST(:data AS jsonb), echec = COALESCE(CAST(:echec AS jsonb), echec),
      updated_at = clock_timestamp(),
      lease_owner = CASE WHEN :release THEN NULL ELSE :owner END,
      lease_until = CASE WHEN :release THEN now() ELSE ${leaseUntil} END
    WHERE id = :id AND nom = :nom AND etat_actuel = :from
      AND (CAST(:claim AS boolean) OR lease_owner = :owner)
    RETURNING id, version, updated_at, created_at),
  h AS (${HISTORY})
  SELECT version, updated_at AS at, created_at AS "createdAt" FROM w`;

/** Applies one write; undefined when it did not happen (row moved, not ours, key taken). */
export function writeSaga(db: Db, w: SagaRowWrite): Promise<SagaWritten | undefined> {
  const to = w.reached.at(-1)?.etat ?? w.from;
  return selectFirst<SagaWritten>(db, w.creation ? CREATE : MOVE, {
    id: w.id,
    nom: w.nom,
    from: w.from,
    to,
    n: w.reached.length,
    steps: json(w.reached),
    data: json(w.data),
    echec: w.echec === null ? null : json(w.echec),
    owner: w.owner,
    leaseMs: w.leaseMs,
    release: w.release,
    claim: w.claim,
    definitionVersion: w.creation?.version ?? null,
    key: w.creation?.idempotencyKey ?? null,
    hash: w.creation?.requestHash ?? null,
    traceParent: w.creation?.traceParent ?? null,
  });
}

export const findSaga = (db: Db, nom: string, id: string): Promise<SagaRow | undefined> =>
  selectFirst(db, 'SELECT * FROM sagas WHERE id = :id AND nom = :nom', { id, nom });

export const findSagaByKey = (db: Db, nom: string, key: string): Promise<SagaRow | undefined> =>
  selectFirst(db, 'SELECT * FROM sagas WHERE nom = :nom AND idempotency_key = :key', { nom, key });

export const findSagaHistory = (db: Db, id: string): Promise<HistoryEntry<string>[]> =>
  selectRows(
    db,
    'SELECT etat, at, detail FROM sagas_historique WHERE saga_id = :id ORDER BY version',
    { id },
  );

export const listSagas = (
  db: Db,
  nom: string,
  f: { etat?: string | undefined; limit: number },
): Promise<SagaRow[]> =>
  selectRows(
    db,
    `SELECT * FROM sagas WHERE nom = :nom AND (CAST(:etat AS text) IS NULL OR etat_actuel = :etat)
     ORDER BY created_at DESC, id DESC LIMIT :limit`,
    { nom, etat: f.etat ?? null, limit: f.limit },
  );

export const countSagasByEtat = (db: Db, nom: string): Promise<{ etat: string; n: number }[]> =>
  selectRows(
    db,
    'SELECT etat_actuel AS etat, count(*)::int AS n FROM sagas WHERE nom = :nom GROUP BY 1',
    { nom },
  );

/**
 * Takes over up to `batch` unfinished sagas of one kind whose lease ran out, among the
 * versions this instance drives. SKIP LOCKED: two instances never take the same row.
 */
export const claimAbandonedSagas = (
  db: Db,
  c: { nom: string; owner: string; leaseMs: number; batch: number; versions: readonly string[] },
): Promise<AbandonedSagaRow[]> =>
  selectRows(
    db,
    `WITH abandoned AS (
       SELECT id, lease_until AS expired_at, lease_owner AS previous_owner FROM sagas
       WHERE nom = :nom AND NOT au_repos AND suspendue_at IS NULL
         AND (lease_until IS NULL OR lease_until < now())
         AND definition_version = ANY(CAST(:versions AS text[]))
       ORDER BY lease_until NULLS FIRST LIMIT :batch
       FOR UPDATE SKIP LOCKED)
     UPDATE sagas s SET lease_owner = :owner, lease_until = ${leaseUntil}
     FROM abandoned a WHERE s.id = a.id
     RETURNING s.*, a.previous_owner,
       EXTRACT(EPOCH FROM now() - COALESCE(a.expired_at, now()))::float8 AS lag_seconds`,
    { ...c, versions: [...c.versions] },
  );

/** The saga, as the engine and the API see it, from its row and history. */
export function toSagaRecord<E extends string, D>(
  row: SagaRow,
  historique: readonly HistoryEntry<string>[],
): SagaRecord<E, D> {
  return {
    id: row.id,
    etat: row.etat_actuel as E,
    data: row.data as D,
    echec: row.echec,
    definition: { nom: row.nom, version: row.definition_version },
    traceParent: row.trace_parent,
    suspension: row.suspension,
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
    historique: historique as readonly HistoryEntry<E>[],
  };
}

/** Sagas of one kind waiting for an operator: suspended, or parked in `parked`. */
export async function countWaitingSagas(db: Db, nom: string, parked: string): Promise<number> {
  const row = await selectFirst<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM sagas
      WHERE nom = :nom AND (suspendue_at IS NOT NULL OR etat_actuel = :parked)`,
    { nom, parked },
  );
  return row?.n ?? 0;
}
