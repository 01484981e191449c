import type { Knex } from 'knex';
import {
  DEMO_ACCOUNTS,
  DEMO_CLIENTS,
  DEMO_MAGASINS,
  DEMO_PANIERS,
  DEMO_PRODUITS,
  DEMO_STOCK,
} from './demo-data.js';

// Loads the demo data, idempotently: rows that exist are left alone (a balance spent, a
// stock sold or a cart emptied by a checkout stay as they are across restarts).

/** PostgreSQL type of each column loaded (they name the columns too). */
export type Columns = Readonly<Record<string, 'integer' | 'bigint' | 'text'>>;

/** Inserts the rows whose primary key is not there yet. Names come from this file only. */
export async function insertMissing(
  db: Knex,
  table: string,
  columns: Columns,
  data: readonly object[],
): Promise<void> {
  const names = Object.keys(columns).join(', ');
  const types = Object.entries(columns).map(([name, type]) => `${name} ${type}`);
  await db.raw(
    `INSERT INTO :table: (${names})
     SELECT ${names} FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(${types.join(', ')})
     ON CONFLICT DO NOTHING`,
    { table, rows: JSON.stringify(data) },
  );
}

/** Explicit ids were inserted: move the identity past them so the API's next id is free. */
async function bumpIdentity(db: Knex, table: string): Promise<void> {
  await db.raw(
    `SELECT setval(pg_get_serial_sequence(:table, 'id'),
                   GREATEST((SELECT max(id) FROM :tableId:), 1))`,
    { table, tableId: table },
  );
}

/** Rows with explicit ids, then the identity moved past them. */
export async function insertWithIds(
  db: Knex,
  table: string,
  columns: Columns,
  data: readonly object[],
): Promise<void> {
  await insertMissing(db, table, { id: 'integer', ...columns }, data);
  await bumpIdentity(db, table);
}

export const PRODUIT: Columns = { nom: 'text', categorie: 'text', prix_cents: 'integer' };
export const MAGASIN: Columns = { nom: 'text', ville: 'text', adresse: 'text' };
export const CLIENT: Columns = { nom: 'text', email: 'text', solde_cents: 'bigint' };
export const STOCK: Columns = { magasin_id: 'integer', produit_id: 'integer', quantite: 'bigint' };

export const seedProduits = (db: Knex): Promise<void> =>
  insertWithIds(db, 'produits', PRODUIT, DEMO_PRODUITS);
export const seedMagasins = (db: Knex): Promise<void> =>
  insertWithIds(db, 'magasins', MAGASIN, DEMO_MAGASINS);
export const seedClients = (db: Knex): Promise<void> =>
  insertWithIds(db, 'clients', CLIENT, DEMO_CLIENTS);
export const seedStock = (db: Knex): Promise<void> => insertMissing(db, 'stock', STOCK, DEMO_STOCK);

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
    { clients: JSON.stringify(DEMO_CLIENTS), lignes: JSON.stringify(DEMO_PANIERS) },
  );
}

export const ACCOUNT: Columns = {
  username: 'text',
  password_hash: 'text',
  role: 'text',
  client_id: 'integer',
};

/**
 * What loading demo data needs from the system, passed in: the seeds are data and import
 * nothing of src/ (only src/system loads them).
 */
export interface SeedDeps {
  /** The auth service's password hash (argon2id; tests pass a cheap cost). */
  hashPassword(password: string): Promise<string>;
}

/**
 * The demo accounts, hashed with `hash`; only the missing ones are hashed and added, so a
 * restart costs nothing and never resets a password.
 */
export async function seedAccounts(db: Knex, hash: SeedDeps['hashPassword']): Promise<void> {
  const { rows } = await db.raw<{ rows: { username: string }[] }>(
    'SELECT username FROM accounts WHERE username = ANY(:names)',
    { names: DEMO_ACCOUNTS.map((a) => a.username) },
  );
  const present = new Set(rows.map((r) => r.username));
  const missing = DEMO_ACCOUNTS.filter((a) => !present.has(a.username));
  const accounts = await Promise.all(
    missing.map(async ({ password, ...a }) => ({
      ...a,
      password_hash: await hash(password),
    })),
  );
  if (accounts.length > 0) await insertMissing(db, 'accounts', ACCOUNT, accounts);
}

const seedAuth = (db: Knex, deps: SeedDeps): Promise<void> => seedAccounts(db, deps.hashPassword);

/** Loads one database's demo data. */
export type SeedLoader = (db: Knex, deps: SeedDeps) => Promise<void>;

export type DemoService = 'produits' | 'magasin' | 'stock' | 'client' | 'panier' | 'auth';

/** One loader per service database that holds demo data (orchestrateur and ventes start empty). */
export const DEMO_SEEDS: Readonly<Record<DemoService, SeedLoader>> = {
  produits: seedProduits,
  magasin: seedMagasins,
  stock: seedStock,
  client: seedClients,
  panier: seedPaniers,
  auth: seedAuth,
};

export const DEMO_SERVICES = Object.keys(DEMO_SEEDS) as DemoService[];
