import type { Knex } from 'knex';

/**
 * Every level an employee sets or adjusts, kept with who (the verified token's subject),
 * when, the level before and after, and why. The saga's reservations and give-backs are
 * not in it: they are recorded per commande (reservations, reservation_lignes), and adding
 * a row per line to the checkout's hot path would cost every sale for an audit that the
 * commande already gives. `avant` is NULL when the line did not exist (the magasin starts
 * carrying the produit).
 */
export async function up(db: Knex): Promise<void> {
  await db.raw(`
    CREATE TABLE stock_historique (
      id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      magasin_id  integer NOT NULL CHECK (magasin_id > 0),
      produit_id  integer NOT NULL CHECK (produit_id > 0),
      action      text NOT NULL CHECK (action IN ('fixer', 'ajuster')),
      auteur      text NOT NULL CHECK (length(auteur) BETWEEN 1 AND 200),
      avant       bigint CHECK (avant >= 0),
      apres       bigint NOT NULL CHECK (apres >= 0),
      motif       text CHECK (length(motif) BETWEEN 1 AND 500),
      at          timestamptz NOT NULL DEFAULT now(),
      CHECK (action = 'fixer' OR (avant IS NOT NULL AND motif IS NOT NULL))
    )`);
  await db.raw(
    'CREATE INDEX stock_historique_par_ligne ON stock_historique (magasin_id, produit_id, id)',
  );
  await db.raw('CREATE INDEX stock_historique_par_magasin ON stock_historique (magasin_id, id)');
}

export async function down(db: Knex): Promise<void> {
  await db.raw('DROP TABLE stock_historique');
}
