import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  // One row per (magasin, produit) the magasin carries: this table is also how the stock
  // service knows which magasins and produits exist (see docs/services.md).
  await db.raw(`
    CREATE TABLE stock (
      magasin_id  integer NOT NULL CHECK (magasin_id > 0),
      produit_id  integer NOT NULL CHECK (produit_id > 0),
      quantite    integer NOT NULL CHECK (quantite >= 0),
      updated_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (magasin_id, produit_id)
    )`);
  await db.raw('CREATE INDEX stock_ruptures ON stock (magasin_id, produit_id) WHERE quantite = 0');
  // A reservation per commande; LIBEREE without magasin_id is a tombstone (liberer came first).
  await db.raw(`
    CREATE TABLE reservations (
      commande_id  uuid PRIMARY KEY,
      magasin_id   integer CHECK (magasin_id > 0),
      etat         text NOT NULL CHECK (etat IN ('RESERVEE', 'LIBEREE')),
      created_at   timestamptz NOT NULL DEFAULT now(),
      liberee_at   timestamptz,
      CHECK (etat = 'LIBEREE' OR magasin_id IS NOT NULL)
    )`);
  await db.raw(`
    CREATE TABLE reservation_lignes (
      commande_id  uuid NOT NULL REFERENCES reservations (commande_id) ON DELETE CASCADE,
      produit_id   integer NOT NULL CHECK (produit_id > 0),
      quantite     integer NOT NULL CHECK (quantite > 0),
      PRIMARY KEY (commande_id, produit_id)
    )`);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('DROP TABLE reservation_lignes');
  await db.raw('DROP TABLE reservations');
  await db.raw('DROP TABLE stock');
}
