import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.raw(`
    CREATE TABLE ventes (
      id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      commande_id  uuid NOT NULL UNIQUE,
      client_id    integer NOT NULL CHECK (client_id > 0),
      magasin_id   integer NOT NULL CHECK (magasin_id > 0),
      total_cents  bigint NOT NULL CHECK (total_cents >= 0),
      created_at   timestamptz NOT NULL DEFAULT now()
    )`);
  await db.raw('CREATE INDEX ventes_par_magasin ON ventes (magasin_id, created_at DESC, id DESC)');
  await db.raw(`
    CREATE TABLE vente_lignes (
      vente_id             integer NOT NULL REFERENCES ventes (id) ON DELETE CASCADE,
      produit_id           integer NOT NULL CHECK (produit_id > 0),
      quantite             integer NOT NULL CHECK (quantite > 0),
      prix_unitaire_cents  integer NOT NULL CHECK (prix_unitaire_cents >= 0),
      PRIMARY KEY (vente_id, produit_id)
    )`);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('DROP TABLE vente_lignes');
  await db.raw('DROP TABLE ventes');
}
