import type { Knex } from 'knex';

/**
 * A magasin has a street address (the demo's magasins were created without one: NULL until
 * an employee fills it in; the API requires it for a new magasin), and every change to a
 * magasin is kept: who, when, the fields before and after.
 */
export async function up(db: Knex): Promise<void> {
  await db.raw(`
    ALTER TABLE magasins
      ADD COLUMN adresse text CHECK (length(adresse) BETWEEN 1 AND 300),
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
  await db.raw(`
    CREATE TABLE magasins_historique (
      id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      magasin_id  integer NOT NULL REFERENCES magasins (id),
      action      text NOT NULL CHECK (action IN ('creation', 'modification')),
      auteur      text NOT NULL CHECK (length(auteur) BETWEEN 1 AND 200),
      avant       jsonb,
      apres       jsonb NOT NULL,
      at          timestamptz NOT NULL DEFAULT now(),
      CHECK ((action = 'creation') = (avant IS NULL))
    )`);
  await db.raw(
    'CREATE INDEX magasins_historique_par_magasin ON magasins_historique (magasin_id, id)',
  );
}

export async function down(db: Knex): Promise<void> {
  await db.raw('DROP TABLE magasins_historique');
  await db.raw('ALTER TABLE magasins DROP COLUMN adresse, DROP COLUMN updated_at');
}
