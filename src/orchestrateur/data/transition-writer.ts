import type { Knex } from 'knex';
import { prepared } from '../../lib/prepared.js';
import type { EtatCommande } from '../domain/etat-commande.js';
import type { Echec } from '../domain/saga-types.js';
import type { LigneCommande, Written } from './commandes-repo.js';

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
 * The guarded transition, for a batch of sagas in one statement (so one transaction):
 * each row moves only if it is still in its `from` state (and still ours), and its
 * history row is inserted alongside. A row that did not move comes back absent.
 */
const applyTransitions = prepared<Written & { idx: number }>(
  'apply_transitions',
  `WITH input AS (
       SELECT * FROM jsonb_to_recordset(CAST(:batch AS jsonb)) AS x(
         idx int, id uuid, from_etat text, to_etat text, owner text, lease_ms int,
         claim boolean, total bigint, lignes jsonb, echec_etape text, echec_code text,
         echec_message text, echec_type text, echec_incertain boolean, detail jsonb)),
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
       FROM input i
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

interface Pending {
  write: TransitionWrite;
  resolve(w: Written | undefined): void;
  reject(err: unknown): void;
}

/**
 * Group commit for saga transitions: transitions requested while a write is in flight
 * go to the database together in the next statement. Under load this turns one round
 * trip and one commit per transition into one per batch; alone, a transition is
 * written at once. Durability and the guard are those of a single write.
 */
export class TransitionWriter {
  private queue: Pending[] = [];
  private inFlight = 0;

  constructor(
    private readonly db: Knex,
    private readonly maxInFlight = 2,
    private readonly maxBatch = 200,
  ) {}

  /** Resolves with the new version, or undefined when the row was not in `from`. */
  write(t: TransitionWrite): Promise<Written | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.push({ write: t, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      void this.flush(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async flush(batch: Pending[]): Promise<void> {
    try {
      const { rows } = await applyTransitions(this.db, {
        batch: JSON.stringify(batch.map((p, idx) => toRecord(p.write, idx))),
      });
      const byIdx = new Map(rows.map((r) => [r.idx, { version: r.version, at: r.at }]));
      batch.forEach((p, idx) => p.resolve(byIdx.get(idx)));
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }
}
