import type { Knex } from 'knex';

// A step that may not give up (the pivot, emptying the cart) and kept failing past its
// budget leaves the saga suspended where it stands, for an operator; recovery skips it.
export async function up(db: Knex): Promise<void> {
  await db.raw(`
    ALTER TABLE commandes
      ADD COLUMN suspendue_at timestamptz,
      ADD COLUMN suspension jsonb`);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('ALTER TABLE commandes DROP COLUMN suspendue_at, DROP COLUMN suspension');
}
