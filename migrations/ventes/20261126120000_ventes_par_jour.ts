import type { Knex } from 'knex';

// The sales report filters by period across every magasin: without this it reads the
// whole table (ventes_par_magasin only serves a report of one magasin).
export async function up(db: Knex): Promise<void> {
  await db.raw('CREATE INDEX ventes_par_date ON ventes (created_at)');
}

export async function down(db: Knex): Promise<void> {
  await db.raw('DROP INDEX ventes_par_date');
}
