import type { Knex } from 'knex';
import { prepared } from '../../lib/prepared.js';
import { type Echec, restingStates } from '../../saga/index.js';
import type { LigneCommande } from '../checkout/commande.js';
import { type EtatCommande, ROLES, transitions } from '../checkout/transitions.js';

/** Where a saga rests: nobody drives it on, so its write gives the lease back. */
const RESTING: ReadonlySet<EtatCommande> = new Set(restingStates(transitions, ROLES));

/** A commande written for the first time: the request it answers. */
export interface Creation {
  client_id: number;
  magasin_id: number;
  idempotencyKey: string | null;
  requestHash: string;
  /** How long ago the request arrived: the first état's time, on the database's clock. */
  ageMs: number;
  /** The saga definition it starts under: its readable name and fingerprint. */
  definition: { nom: string; version: string };
  /** The W3C traceparent of the request that creates it (null: not traced). */
  traceParent: string | null;
}

/** One état a saga reached, and how long ago (its time, on the database's clock). */
export interface Reached {
  etat: EtatCommande;
  ageMs: number;
  detail: Readonly<Record<string, unknown>>;
}

/**
 * One saga moving from `from` through one or more états (the transitions it made since its
 * last write, in order), or created straight into them.
 */
export interface SagaWrite {
  id: string;
  from: EtatCommande;
  reached: readonly Reached[];
  owner: string;
  leaseMs: number;
  /** true: take the saga over whoever holds it (operator resume); false: must hold it. */
  claim: boolean;
  /** Present for the first write: the row is inserted, with the history of every état. */
  creation?: Creation | undefined;
  totalCents?: number | null | undefined;
  lignes?: LigneCommande[] | null | undefined;
  echec?: Echec | undefined;
}

export interface Written {
  /** The version of the last état written. */
  version: number;
  /** When it was written: each step's time is this minus its age. */
  at: Date;
  createdAt: Date;
}

/**
 * The one hot statement: a batch of writes of different sagas in one transaction. A
 * creation inserts the commande and its history (skipped if its idempotency key is taken);
 * a move takes a row from `from` to the last état it reached only if it is still in `from`
 * and still ours (rows locked in id order first, so that two such statements never
 * deadlock), one version per step. A write that did not happen is absent from the result.
 */
const applyWritesSql = prepared<Written & { idx: number }>(
  'apply_saga_writes',
  `WITH input AS (
       SELECT * FROM jsonb_to_recordset(CAST(:batch AS jsonb)) AS x(
         idx int, id uuid, from_etat text, to_etat text, n int, steps jsonb, owner text,
         lease_ms int, claim boolean, creation boolean, client_id int, magasin_id int,
         idempotency_key text, request_hash text, age_ms int, total bigint, lignes jsonb,
         echec_etape text, echec_code text, echec_message text, echec_type text,
         echec_incertain boolean, release boolean, definition_nom text,
         definition_version text, trace_parent text)),
     created AS (
       INSERT INTO commandes (id, client_id, magasin_id, etat_actuel, idempotency_key,
         request_hash, version, lease_owner, lease_until, total_cents, lignes, echec_etape,
         echec_code, echec_message, echec_type, echec_incertain, created_at, updated_at,
         definition_nom, definition_version, trace_parent)
       SELECT id, client_id, magasin_id, to_etat, idempotency_key, request_hash, 1 + n,
         CASE WHEN release THEN NULL ELSE owner END,
         CASE WHEN release THEN now() ELSE now() + lease_ms * interval '1 millisecond' END,
         total, lignes, echec_etape, echec_code,
         echec_message, echec_type, COALESCE(echec_incertain, false),
         clock_timestamp() - age_ms * interval '1 millisecond', clock_timestamp(),
         definition_nom, definition_version, trace_parent
       FROM input WHERE creation
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id, version, created_at, updated_at),
     locked AS (
       SELECT id FROM commandes WHERE id = ANY (ARRAY(SELECT id FROM input WHERE NOT creation))
       ORDER BY id FOR UPDATE),
     moved AS (
       UPDATE commandes c SET
         etat_actuel   = i.to_etat,
         version       = c.version + i.n,
         updated_at    = clock_timestamp(),
         lease_owner   = CASE WHEN i.release THEN NULL ELSE i.owner END,
         lease_until   = CASE WHEN i.release THEN now()
                              ELSE now() + i.lease_ms * interval '1 millisecond' END,
         total_cents   = COALESCE(i.total, c.total_cents),
         lignes        = COALESCE(i.lignes, c.lignes),
         echec_etape   = COALESCE(i.echec_etape, c.echec_etape),
         echec_code    = COALESCE(i.echec_code, c.echec_code),
         echec_message = COALESCE(i.echec_message, c.echec_message),
         echec_type    = COALESCE(i.echec_type, c.echec_type),
         echec_incertain = COALESCE(i.echec_incertain, c.echec_incertain)
       FROM input i JOIN locked l ON l.id = i.id
       WHERE c.id = i.id AND c.etat_actuel = i.from_etat AND (i.claim OR c.lease_owner = i.owner)
       RETURNING i.idx, c.id, c.version, c.updated_at, c.created_at),
     done AS (
       SELECT i.idx, c.id, c.version, c.updated_at, c.created_at
         FROM created c JOIN input i ON i.id = c.id
       UNION ALL SELECT * FROM moved),
     history AS (
       INSERT INTO etat_saga (commande_id, etat, version, at, detail)
       SELECT c.id, i.from_etat, 1, c.created_at, '{}' FROM created c JOIN input i ON i.id = c.id
       UNION ALL
       SELECT d.id, s.step->>'etat', d.version - i.n + s.ord::int,
              d.updated_at - CAST(s.step->>'age_ms' AS int) * interval '1 millisecond',
              s.step->'detail'
         FROM done d JOIN input i ON i.idx = d.idx,
              jsonb_array_elements(i.steps) WITH ORDINALITY AS s(step, ord))
   SELECT idx, version, updated_at AS at, created_at AS "createdAt" FROM done`,
);

const toRecord = (w: SagaWrite, idx: number): Record<string, unknown> => ({
  idx,
  id: w.id,
  from_etat: w.from,
  to_etat: w.reached.at(-1)?.etat,
  n: w.reached.length,
  steps: w.reached.map((s) => ({
    etat: s.etat,
    age_ms: Math.max(0, Math.round(s.ageMs)),
    detail: s.detail,
  })),
  owner: w.owner,
  lease_ms: w.leaseMs,
  claim: w.claim,
  creation: w.creation !== undefined,
  client_id: w.creation?.client_id,
  magasin_id: w.creation?.magasin_id,
  idempotency_key: w.creation?.idempotencyKey,
  request_hash: w.creation?.requestHash,
  age_ms: w.creation === undefined ? null : Math.max(0, Math.round(w.creation.ageMs)),
  definition_nom: w.creation?.definition.nom ?? null,
  definition_version: w.creation?.definition.version ?? null,
  trace_parent: w.creation?.traceParent ?? null,
  total: w.totalCents ?? null,
  lignes: w.lignes ?? null,
  echec_etape: w.echec?.etape ?? null,
  echec_code: w.echec?.code ?? null,
  echec_message: w.echec?.message ?? null,
  echec_type: w.echec?.type ?? null,
  echec_incertain: w.echec?.incertain ?? null,
  release: RESTING.has(w.reached.at(-1)?.etat ?? w.from),
});

/**
 * Applies the batch; the i-th result is what the i-th write became, or undefined. Text that
 * came from outside (a participant's message) was made storable where it came in.
 */
export async function applyWrites(
  db: Knex,
  writes: readonly SagaWrite[],
): Promise<(Written | undefined)[]> {
  const { rows } = await applyWritesSql(db, { batch: JSON.stringify(writes.map(toRecord)) });
  const byIdx = new Map(rows.map((r) => [r.idx, r]));
  return writes.map((_w, idx) => {
    const r = byIdx.get(idx);
    return r && { version: r.version, at: r.at, createdAt: r.createdAt };
  });
}
