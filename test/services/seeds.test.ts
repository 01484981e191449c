import { expect } from 'chai';
import type { Knex } from 'knex';
import {
  DEMO_CLIENTS,
  DEMO_MAGASINS,
  DEMO_PANIERS,
  DEMO_PRODUITS,
  DEMO_STOCK,
} from '../../seeds/demo-data.js';
import {
  DEMO_SERVICES,
  type DemoService,
  seedClients,
  seedPaniers,
  seedStock,
} from '../../seeds/demo-seed.js';
import { createDb, migrate } from '../../src/lib/db.js';
import { migrationsDir } from '../../src/system/databases.js';
import { main as seedMain } from '../../src/system/seed-all.js';
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

describe('main seed (the demo-seed container of docker-compose.yml)', () => {
  const dbs: Knex[] = [];

  after(async () => {
    await Promise.all(dbs.map((db) => db.destroy()));
  });

  const count = async (db: Knex, table: string): Promise<number> => {
    const { rows } = await db.raw<{ rows: { n: number }[] }>('SELECT count(*)::int AS n FROM ??', [
      table,
    ]);
    return rows[0]?.n ?? -1;
  };

  it('migrates and fills one database per service, and adds nothing when run again', async () => {
    const urls = {} as Record<DemoService, string>;
    for (const service of DEMO_SERVICES) urls[service] = await freshDatabaseUrl(`seed_${service}`);
    const env = {
      ...Object.fromEntries(DEMO_SERVICES.map((s) => [`${s.toUpperCase()}_DATABASE_URL`, urls[s]])),
      LOG_LEVEL: 'silent',
    };

    await seedMain(env);
    await seedMain(env);

    const db = (service: DemoService): Knex => {
      const k = createDb({ url: urls[service], poolMax: 1, applicationName: 't' });
      dbs.push(k);
      return k;
    };
    expect(await count(db('produits'), 'produits')).to.equal(DEMO_PRODUITS.length);
    expect(await count(db('magasin'), 'magasins')).to.equal(DEMO_MAGASINS.length);
    expect(await count(db('stock'), 'stock')).to.equal(DEMO_STOCK.length);
    expect(await count(db('client'), 'clients')).to.equal(DEMO_CLIENTS.length);
    expect(await count(db('panier'), 'panier_lignes')).to.equal(DEMO_PANIERS.length);
  });

  it('refuses to run without every database URL, naming the missing ones', async () => {
    const err = await seedMain({ PRODUITS_DATABASE_URL: 'postgres://x@127.0.0.1/p' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(Error);
    expect((err as Error).message)
      .to.contain('MAGASIN_DATABASE_URL')
      .and.contain('PANIER_DATABASE_URL')
      .and.not.contain('PRODUITS_DATABASE_URL');
  });
});
