import type { Knex } from 'knex';

/**
 * Employees may set a level up to 10 000 000 units (the API's bound), but a give-back
 * (liberer) returns reserved units whatever the level became meanwhile: bigint leaves it room
 * no sequence of operations can use up, and the CHECK keeps every level exact as a JavaScript
 * number (liberer saturates there rather than fail).
 */
export async function up(db: Knex): Promise<void> {
  await db.raw(`
    ALTER TABLE stock
      ALTER COLUMN quantite TYPE bigint,
      ADD CONSTRAINT stock_quantite_exacte CHECK (quantite <= 9007199254740991)`);
}

export async function down(db: Knex): Promise<void> {
  await db.raw(`
    ALTER TABLE stock
      DROP CONSTRAINT stock_quantite_exacte,
      ALTER COLUMN quantite TYPE integer`);
}
