import type { Knex } from 'knex';

// A step refused (4xx) after an attempt whose outcome was unknown may still take effect
// late: its compensation must run although the failure itself is a business one.
export async function up(db: Knex): Promise<void> {
  await db.raw('ALTER TABLE commandes ADD COLUMN echec_incertain boolean NOT NULL DEFAULT false');
}

export async function down(db: Knex): Promise<void> {
  await db.raw('ALTER TABLE commandes DROP COLUMN echec_incertain');
}
