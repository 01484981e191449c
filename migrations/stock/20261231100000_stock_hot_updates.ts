import type { Knex } from 'knex';

/**
 * Every checkout changes the same few stock lines (a reservation takes from them), so how
 * PostgreSQL updates a line matters on the hot path. It can rewrite a row on its own page
 * without touching any index (a HOT update) only when no indexed column changes and the page
 * has room. `stock_ruptures` (a partial index `WHERE quantite = 0`) made `quantite` an
 * indexed column: every reservation inserted new entries in both indexes and left dead ones
 * behind. The ruptures list reads a magasin's lines through the primary key
 * (`magasin_id` first) instead, which a magasin's few thousand lines at most afford; and
 * pages filled to half leave the room a line's next versions need.
 */
export async function up(db: Knex): Promise<void> {
  await db.raw('DROP INDEX stock_ruptures');
  await db.raw('ALTER TABLE stock SET (fillfactor = 50)');
}

export async function down(db: Knex): Promise<void> {
  await db.raw('ALTER TABLE stock RESET (fillfactor)');
  await db.raw('CREATE INDEX stock_ruptures ON stock (magasin_id, produit_id) WHERE quantite = 0');
}
