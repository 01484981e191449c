import type { Knex } from 'knex';
import type { Principal } from './auth.js';
import type { Db } from './db.js';
import type { Page } from './schemas.js';
import { execute, selectRows } from './sql.js';

/**
 * The change history of a record (a produit, a magasin): who made each change, when, and
 * the fields it changed, before and after. One table per service database, all alike:
 * `(id, <key>, action, auteur, avant jsonb, apres jsonb, at)`.
 */

/** Recorded when identity is off (AUTH_REQUIRED=false): nobody was verified. */
export const AUTEUR_ANONYME = 'anonyme';

/** Who made a change: the verified token's subject; the service token is 'service'. */
export function auteurOf(caller: Principal | undefined): string {
  if (caller === undefined) return AUTEUR_ANONYME;
  return caller.kind === 'service' ? 'service' : caller.username;
}

export type ActionHistorique = 'creation' | 'modification';

export interface EntreeHistorique {
  id: number;
  action: ActionHistorique;
  auteur: string;
  /** The changed fields before (null for a creation). */
  avant: Record<string, unknown> | null;
  /** The changed fields after (every field for a creation). */
  apres: Record<string, unknown>;
  at: Date;
}

/** Which fields differ between two versions of a record; undefined when none does. */
export function changedFields<R extends object>(
  before: R,
  after: R,
  fields: readonly (keyof R & string)[],
): { avant: Record<string, unknown>; apres: Record<string, unknown> } | undefined {
  const changed = fields.filter((f) => before[f] !== after[f]);
  if (changed.length === 0) return undefined;
  return {
    avant: Object.fromEntries(changed.map((f) => [f, before[f]])),
    apres: Object.fromEntries(changed.map((f) => [f, after[f]])),
  };
}

/** Where one kind of record keeps its history: the table and the column naming the record. */
export interface HistoriqueTable {
  table: string;
  key: string;
}

/** Records one change, in the caller's transaction (the change and its record go together). */
export async function insertHistorique(
  db: Db,
  where: HistoriqueTable,
  recordId: number,
  entry: Pick<EntreeHistorique, 'action' | 'auteur' | 'avant' | 'apres'>,
): Promise<void> {
  await execute(
    db,
    `INSERT INTO :table: (:key:, action, auteur, avant, apres)
     VALUES (:recordId, :action, :auteur, CAST(:avant AS jsonb), CAST(:apres AS jsonb))`,
    {
      ...where,
      recordId,
      action: entry.action,
      auteur: entry.auteur,
      avant: entry.avant === null ? null : JSON.stringify(entry.avant),
      apres: JSON.stringify(entry.apres),
    },
  );
}

/** One record's changes, newest first. */
export function listHistorique(
  db: Db,
  where: HistoriqueTable,
  recordId: number,
  page: Page,
): Promise<EntreeHistorique[]> {
  return selectRows(
    db,
    `SELECT id, action, auteur, avant, apres, at FROM :table:
      WHERE :key: = :recordId ORDER BY id DESC LIMIT :limit OFFSET :offset`,
    { ...where, recordId, ...page },
  );
}

/** A kind of record whose changes are recorded: its data access and its history table. */
export interface RecordedStore<N, R extends { id: number }> {
  historique: HistoriqueTable;
  /** The fields an employee edits: a creation records them all, a change those that differ. */
  fields: readonly (keyof N & keyof R & string)[];
  insert(db: Db, record: N): Promise<R>;
  find(db: Db, id: number, opts: { forUpdate: boolean }): Promise<R | undefined>;
  update(db: Db, id: number, changes: Partial<N>): Promise<R | undefined>;
  /** The error for an id that names no record (a 404). */
  missing(id: number): Error;
}

/** Creates the record and its 'creation' entry, in one transaction. */
export function createRecorded<N, R extends { id: number }>(
  db: Knex,
  store: RecordedStore<N, R>,
  record: N,
  caller: Principal | undefined,
): Promise<R> {
  return db.transaction(async (trx) => {
    const created = await store.insert(trx, record);
    const apres = Object.fromEntries(store.fields.map((f) => [f, created[f]]));
    await insertHistorique(trx, store.historique, created.id, {
      action: 'creation',
      auteur: auteurOf(caller),
      avant: null,
      apres,
    });
    return created;
  });
}

/**
 * Changes the given fields, the record locked from read to write so that the entry's
 * "before" is the value replaced; a change that alters nothing records nothing.
 */
export function updateRecorded<N, R extends { id: number }>(
  db: Knex,
  store: RecordedStore<N, R>,
  id: number,
  changes: Partial<N>,
  caller: Principal | undefined,
): Promise<R> {
  return db.transaction(async (trx) => {
    const before = await store.find(trx, id, { forUpdate: true });
    if (before === undefined) throw store.missing(id);
    const after = await store.update(trx, id, changes);
    if (after === undefined) throw store.missing(id);
    const diff = changedFields(before, after, store.fields);
    if (diff) {
      const entry = { action: 'modification' as const, auteur: auteurOf(caller), ...diff };
      await insertHistorique(trx, store.historique, id, entry);
    }
    return after;
  });
}

/**
 * A collection whose creations and changes are recorded: read one (404 from the store),
 * create, change, and list one record's history. A service adds its own list.
 */
export class RecordedCollection<N, R extends { id: number }> {
  constructor(
    protected readonly db: Knex,
    private readonly store: RecordedStore<N, R>,
  ) {}

  async get(id: number): Promise<R> {
    const record = await this.store.find(this.db, id, { forUpdate: false });
    if (record === undefined) throw this.store.missing(id);
    return record;
  }

  create(record: N, caller?: Principal): Promise<R> {
    return createRecorded(this.db, this.store, record, caller);
  }

  update(id: number, changes: Partial<N>, caller?: Principal): Promise<R> {
    return updateRecorded(this.db, this.store, id, changes, caller);
  }

  /** The record's changes, newest first (404 when there is no such record). */
  async historique(id: number, page: Page): Promise<EntreeHistorique[]> {
    await this.get(id);
    return listHistorique(this.db, this.store.historique, id, page);
  }
}
