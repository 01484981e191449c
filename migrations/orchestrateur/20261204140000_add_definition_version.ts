import type { Knex } from 'knex';

/**
 * The fingerprint of the checkout definition in force when versions were introduced
 * (src/orchestrateur/checkout/versions.ts keeps it registered): every commande written
 * before this migration started under it. A migration keeps its own copy on purpose: it
 * must not change when the code does.
 */
const FIRST_VERSION = { nom: 'commande', version: '9b66d651cd52' };

// Each commande records the saga definition it started under; an instance drives only
// the versions it knows (recovery's claim filters on it).
export async function up(db: Knex): Promise<void> {
  await db.raw(
    `ALTER TABLE commandes ADD COLUMN definition_nom text, ADD COLUMN definition_version text`,
  );
  await db.raw(
    'UPDATE commandes SET definition_nom = :nom, definition_version = :version',
    FIRST_VERSION,
  );
  await db.raw(`ALTER TABLE commandes ALTER COLUMN definition_nom SET NOT NULL,
                                      ALTER COLUMN definition_version SET NOT NULL`);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('ALTER TABLE commandes DROP COLUMN definition_nom, DROP COLUMN definition_version');
}
