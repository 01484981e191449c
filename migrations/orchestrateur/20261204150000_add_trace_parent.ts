import type { Knex } from 'knex';

// The W3C traceparent of the request that created the commande (null when tracing was
// off): a saga taken over by another instance starts a new trace linked to that one, and
// the commande's API view shows its trace id.
export async function up(db: Knex): Promise<void> {
  await db.raw('ALTER TABLE commandes ADD COLUMN trace_parent text');
}

export async function down(db: Knex): Promise<void> {
  await db.raw('ALTER TABLE commandes DROP COLUMN trace_parent');
}
