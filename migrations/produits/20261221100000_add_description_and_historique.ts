import type { Knex } from 'knex';

/**
 * Employees describe a produit, and every change to one is kept: who made it (the verified
 * token's subject), when, and the fields before and after. A produit's price here is today's
 * price only: a commande holds the price its cart paid (panier and the orchestrator's
 * snapshot), so no row of this history ever reaches back into a commande.
 */
export async function up(db: Knex): Promise<void> {
  await db.raw(`
    ALTER TABLE produits
      ADD COLUMN description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000)`);
  await db.raw(`
    CREATE TABLE produits_historique (
      id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      produit_id  integer NOT NULL REFERENCES produits (id),
      action      text NOT NULL CHECK (action IN ('creation', 'modification')),
      auteur      text NOT NULL CHECK (length(auteur) BETWEEN 1 AND 200),
      avant       jsonb,
      apres       jsonb NOT NULL,
      at          timestamptz NOT NULL DEFAULT now(),
      CHECK ((action = 'creation') = (avant IS NULL))
    )`);
  await db.raw(
    'CREATE INDEX produits_historique_par_produit ON produits_historique (produit_id, id)',
  );
  // Search by name or category (ILIKE '%…%'): a trigram index would need pg_trgm; the
  // catalogue is small enough for a scan, ordered by id like every list.
}

export async function down(db: Knex): Promise<void> {
  await db.raw('DROP TABLE produits_historique');
  await db.raw('ALTER TABLE produits DROP COLUMN description');
}
