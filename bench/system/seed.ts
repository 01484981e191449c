/** Bulk data, straight into the service databases (schemas in migrations/<service>/). */
import type { Knex } from 'knex';
import type { SystemService } from '../../src/system/config.js';
import { createAccounts, logIn } from './identity.js';

export type Dbs = Record<SystemService, Knex>;

/** Magasin 1 sells PRODUITS produits; each cart holds two of them, spread over all. */
const PRODUITS = 100;
// Large enough that no level ever runs out of stock or money.
const STOCK_PER_PRODUIT = 1_000_000_000;
const SOLDE_CENTS = 100_000_000;

export async function loadCatalogue(dbs: Dbs): Promise<void> {
  await dbs.produits.raw(
    `INSERT INTO produits (id, nom, categorie, prix_cents)
     SELECT g, 'Bench produit ' || g, 'bench', 100 + g FROM generate_series(1, CAST(:n AS integer)) g`,
    { n: PRODUITS },
  );
  await dbs.produits.raw("SELECT setval(pg_get_serial_sequence('produits', 'id'), :n)", {
    n: PRODUITS,
  });
  await dbs.magasin.raw("INSERT INTO magasins (id, nom, ville) VALUES (1, 'Bench', 'Paris')");
  await dbs.magasin.raw("SELECT setval(pg_get_serial_sequence('magasins', 'id'), 1)");
  await dbs.stock.raw(
    `INSERT INTO stock (magasin_id, produit_id, quantite)
     SELECT 1, g, :q FROM generate_series(1, CAST(:n AS integer)) g`,
    { n: PRODUITS, q: STOCK_PER_PRODUIT },
  );
  await dbs.stock.raw('ANALYZE stock');
}

/** Clients [first, first + count), each with a balance and a cart of two produits. */
async function loadClients(dbs: Dbs, first: number, count: number): Promise<void> {
  const range = { first, last: first + count - 1 };
  await dbs.client.raw(
    `INSERT INTO clients (id, nom, email, solde_cents)
     SELECT g, 'Bench client ' || g, 'bench-' || g || '@example.com', :solde
       FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) g`,
    { ...range, solde: SOLDE_CENTS },
  );
  await dbs.client.raw("SELECT setval(pg_get_serial_sequence('clients', 'id'), :last)", range);
  await dbs.panier.raw(
    'INSERT INTO clients_connus (client_id) SELECT g FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) g',
    range,
  );
  await dbs.panier.raw(
    `INSERT INTO panier_lignes (client_id, produit_id, quantite, prix_unitaire_cents)
     SELECT g, p, 1 + g % 3, 100 + p
       FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) g
       CROSS JOIN LATERAL (VALUES (g % :n + 1), ((g + :half) % :n + 1)) AS l(p)`,
    { ...range, n: PRODUITS, half: PRODUITS / 2 },
  );
  await Promise.all([dbs.client.raw('ANALYZE clients'), dbs.panier.raw('ANALYZE')]);
}

/** Fresh clients with a cart each, and their tokens when identity is checked. */
export interface Clients {
  first: number;
  count: number;
  /** tokens[i] is client first + i's; undefined when identity is off. */
  tokens: string[] | undefined;
}

/**
 * Hands out fresh clients: each call loads `count` more after the previous ones (with an
 * account and a token each when `authUrl` is given), so no two checkouts share a cart.
 */
export function clientPool(
  dbs: Dbs,
  say: (m: string) => void,
  authUrl?: string,
): (count: number) => Promise<Clients> {
  let next = 1;
  return async (count) => {
    const first = next;
    const started = Date.now();
    await loadClients(dbs, first, count);
    let tokens: string[] | undefined;
    if (authUrl !== undefined) {
      await createAccounts(dbs.auth, first, count);
      tokens = await logIn(authUrl, first, count);
    }
    next += count;
    const signed = tokens ? ', signed in' : '';
    say(`  ${count} clients with a cart${signed} ready in ${Date.now() - started} ms`);
    return { first, count, tokens };
  };
}
