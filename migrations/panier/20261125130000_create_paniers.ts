import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.raw(`
    CREATE TABLE panier_lignes (
      client_id            integer NOT NULL CHECK (client_id > 0),
      produit_id           integer NOT NULL CHECK (produit_id > 0),
      quantite             integer NOT NULL CHECK (quantite > 0),
      prix_unitaire_cents  integer NOT NULL CHECK (prix_unitaire_cents >= 0),
      added_at             timestamptz NOT NULL DEFAULT now(),
      updated_at           timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (client_id, produit_id)
    )`);
  // Clients the client service confirmed once; clients are never deleted, so it never expires.
  await db.raw(`
    CREATE TABLE clients_connus (
      client_id    integer PRIMARY KEY CHECK (client_id > 0),
      verified_at  timestamptz NOT NULL DEFAULT now()
    )`);
  // One row per commande whose lignes were taken out of a cart: makes vider idempotent.
  await db.raw(`
    CREATE TABLE vidages (
      commande_id  uuid PRIMARY KEY,
      client_id    integer NOT NULL CHECK (client_id > 0),
      lignes       jsonb NOT NULL,
      created_at   timestamptz NOT NULL DEFAULT now()
    )`);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('DROP TABLE vidages');
  await db.raw('DROP TABLE clients_connus');
  await db.raw('DROP TABLE panier_lignes');
}
