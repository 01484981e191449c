import type { Knex } from 'knex';
import {
  DEMO_CLIENTS,
  DEMO_MAGASINS,
  DEMO_PANIERS,
  DEMO_PRODUITS,
  DEMO_STOCK,
} from './demo-data.js';

/**
 * Loads the demo data, idempotently: rows that exist are left alone (a balance spent, a
 * stock sold or a cart emptied by a checkout stay as they are across restarts).
 */
const rows = (data: readonly object[]): string => JSON.stringify(data);

/** Explicit ids were inserted: move the identity past them so the API's next id is free. */
async function bumpIdentity(db: Knex, table: string): Promise<void> {
  await db.raw(
    `SELECT setval(pg_get_serial_sequence(:table, 'id'),
                   GREATEST((SELECT max(id) FROM :tableId:), 1))`,
    { table, tableId: table },
  );
}

export async function seedProduits(db: Knex): Promise<void> {
  await db.raw(
    `INSERT INTO produits (id, nom, categorie, prix_cents)
     SELECT id, nom, categorie, prix_cents
       FROM jsonb_to_recordset(CAST(:rows AS jsonb))
         AS r(id integer, nom text, categorie text, prix_cents integer)
     ON CONFLICT DO NOTHING`,
    { rows: rows(DEMO_PRODUITS) },
  );
  await bumpIdentity(db, 'produits');
}

export async function seedMagasins(db: Knex): Promise<void> {
  await db.raw(
    `INSERT INTO magasins (id, nom, ville)
     SELECT id, nom, ville FROM jsonb_to_recordset(CAST(:rows AS jsonb))
       AS r(id integer, nom text, ville text)
     ON CONFLICT DO NOTHING`,
    { rows: rows(DEMO_MAGASINS) },
  );
  await bumpIdentity(db, 'magasins');
}

export async function seedStock(db: Knex): Promise<void> {
  await db.raw(
    `INSERT INTO stock (magasin_id, produit_id, quantite)
     SELECT magasin_id, produit_id, quantite FROM jsonb_to_recordset(CAST(:rows AS jsonb))
       AS r(magasin_id integer, produit_id integer, quantite integer)
     ON CONFLICT DO NOTHING`,
    { rows: rows(DEMO_STOCK) },
  );
}

export async function seedClients(db: Knex): Promise<void> {
  await db.raw(
    `INSERT INTO clients (id, nom, email, solde_cents)
     SELECT id, nom, email, solde_cents FROM jsonb_to_recordset(CAST(:rows AS jsonb))
       AS r(id integer, nom text, email text, solde_cents bigint)
     ON CONFLICT DO NOTHING`,
    { rows: rows(DEMO_CLIENTS) },
  );
  await bumpIdentity(db, 'clients');
}

/** Carts are filled only the first time a demo client is seen, never refilled after a checkout. */
export async function seedPaniers(db: Knex): Promise<void> {
  await db.raw(
    `WITH nouveaux AS (
       INSERT INTO clients_connus (client_id)
       SELECT id FROM jsonb_to_recordset(CAST(:clients AS jsonb)) AS c(id integer)
       ON CONFLICT DO NOTHING
       RETURNING client_id)
     INSERT INTO panier_lignes (client_id, produit_id, quantite, prix_unitaire_cents)
     SELECT l.client_id, l.produit_id, l.quantite, l.prix_unitaire_cents
       FROM jsonb_to_recordset(CAST(:lignes AS jsonb))
         AS l(client_id integer, produit_id integer, quantite integer, prix_unitaire_cents integer)
       JOIN nouveaux n ON n.client_id = l.client_id
     ON CONFLICT DO NOTHING`,
    { clients: rows(DEMO_CLIENTS), lignes: rows(DEMO_PANIERS) },
  );
}

/** One loader per service database that holds demo data (orchestrateur and ventes start empty). */
export const DEMO_SEEDS = {
  produits: seedProduits,
  magasin: seedMagasins,
  stock: seedStock,
  client: seedClients,
  panier: seedPaniers,
} as const satisfies Record<string, (db: Knex) => Promise<void>>;

export type DemoService = keyof typeof DEMO_SEEDS;
export const DEMO_SERVICES = Object.keys(DEMO_SEEDS) as DemoService[];
