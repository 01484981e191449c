import { expect } from 'chai';
import type { Knex } from 'knex';
import { DEMO_CLIENTS, DEMO_PANIERS, DEMO_STOCK } from '../../seeds/demo-data.js';
import { seedClients, seedPaniers, seedStock } from '../../seeds/demo-seed.js';
import { createDb, migrate } from '../../src/lib/db.js';
import { migrationsDir } from '../../src/system/databases.js';
import { freshDatabaseUrl } from '../support/postgres.js';

describe('demo seeds', () => {
  const dbs: Knex[] = [];
  const migrated = async (service: 'client' | 'panier' | 'stock'): Promise<Knex> => {
    const db = createDb({
      url: await freshDatabaseUrl(`seed_${service}`),
      poolMax: 2,
      applicationName: 't',
    });
    dbs.push(db);
    await migrate(db, migrationsDir(service));
    return db;
  };
  const count = async (db: Knex, table: string): Promise<number> => {
    const { rows } = await db.raw<{ rows: { n: number }[] }>('SELECT count(*)::int AS n FROM ??', [
      table,
    ]);
    return rows[0]?.n ?? -1;
  };

  after(async () => {
    await Promise.all(dbs.map((db) => db.destroy()));
  });

  it('loads clients once and moves the id sequence past them', async () => {
    const db = await migrated('client');
    await seedClients(db);
    await seedClients(db);
    expect(await count(db, 'clients')).to.equal(DEMO_CLIENTS.length);
    const { rows } = await db.raw<{ rows: { id: number }[] }>(
      "INSERT INTO clients (nom, email) VALUES ('N', 'new@example.test') RETURNING id",
    );
    expect(rows[0]?.id).to.equal(DEMO_CLIENTS.length + 1);
  });

  it('never resets a stock level that moved since the first load', async () => {
    const db = await migrated('stock');
    await seedStock(db);
    await db.raw('UPDATE stock SET quantite = 1 WHERE magasin_id = 1 AND produit_id = 1');
    await seedStock(db);
    expect(await count(db, 'stock')).to.equal(DEMO_STOCK.length);
    const { rows } = await db.raw<{ rows: { quantite: number }[] }>(
      'SELECT quantite FROM stock WHERE magasin_id = 1 AND produit_id = 1',
    );
    expect(rows[0]?.quantite).to.equal(1);
  });

  it('fills the demo carts the first time only, not again after a checkout emptied them', async () => {
    const db = await migrated('panier');
    await seedPaniers(db);
    expect(await count(db, 'panier_lignes')).to.equal(DEMO_PANIERS.length);
    await db.raw('DELETE FROM panier_lignes WHERE client_id = 1');
    await seedPaniers(db);
    const { rows } = await db.raw<{ rows: { n: number }[] }>(
      'SELECT count(*)::int AS n FROM panier_lignes WHERE client_id = 1',
    );
    expect(rows[0]?.n).to.equal(0);
  });
});
