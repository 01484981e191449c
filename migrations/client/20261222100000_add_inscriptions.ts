import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  // A client record made by a sign-up names its inscription (the sign-up saga's id): a
  // repeated call finds it, the compensation deletes it. Records made otherwise name none.
  await db.raw('ALTER TABLE clients ADD COLUMN inscription_id uuid UNIQUE');
  // The compensation's tombstones: an inscription cancelled here (its record deleted, or
  // never made). A creation that arrives later is refused.
  await db.raw(`
    CREATE TABLE inscriptions_annulees (
      inscription_id  uuid PRIMARY KEY,
      annulee_at      timestamptz NOT NULL DEFAULT now()
    )`);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('DROP TABLE inscriptions_annulees');
  await db.raw('ALTER TABLE clients DROP COLUMN inscription_id');
}
