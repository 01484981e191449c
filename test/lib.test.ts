import { readdir } from 'node:fs/promises';
import { expect } from 'chai';
import { createDb, migrate } from '../src/lib/db.js';
import { mergeLignes, sameLignes, totalCents } from '../src/lib/lignes.js';
import { MIGRATIONS_DIR } from '../src/orchestrateur/app.js';
import { freshDatabaseUrl } from './support/postgres.js';

describe('embedded PostgreSQL and migrations', () => {
  it('gives each suite a real, empty database', async () => {
    const db = createDb({ url: await freshDatabaseUrl('lib'), poolMax: 2, applicationName: 't' });
    const { rows } = await db.raw<{ rows: { n: number }[] }>(
      'SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = ?',
      ['public'],
    );
    expect(rows[0]?.n).to.equal(0);
    await db.destroy();
  });

  it('several processes migrating one brand-new database at once all succeed', async () => {
    const url = await freshDatabaseUrl('migrate_race');
    const dbs = Array.from({ length: 4 }, () =>
      createDb({ url, poolMax: 2, applicationName: 't' }),
    );
    try {
      await Promise.all(dbs.map((db) => migrate(db, MIGRATIONS_DIR)));
      const { rows } = await (dbs[0] as (typeof dbs)[number]).raw<{ rows: { n: number }[] }>(
        'SELECT count(*)::int AS n FROM knex_migrations',
      );
      const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{14}_/.test(f));
      expect(rows[0]?.n, 'each migration applied once').to.equal(files.length);
    } finally {
      await Promise.all(dbs.map((db) => db.destroy()));
    }
  });
});

describe('lines of a commande (src/lib/lignes.ts)', () => {
  it('merges the lines of one produit, sorted by produit_id, keeping the first line fields', () => {
    const merged = mergeLignes([
      { produit_id: 3, quantite: 1, prix_unitaire_cents: 100 },
      { produit_id: 1, quantite: 2, prix_unitaire_cents: 50 },
      { produit_id: 3, quantite: 4, prix_unitaire_cents: 100 },
    ]);
    expect(merged).to.deep.equal([
      { produit_id: 1, quantite: 2, prix_unitaire_cents: 50 },
      { produit_id: 3, quantite: 5, prix_unitaire_cents: 100 },
    ]);
    expect(mergeLignes([])).to.deep.equal([]);
  });

  it('adds up quantite × prix_unitaire_cents', () => {
    const lignes = [
      { quantite: 2, prix_unitaire_cents: 499 },
      { quantite: 1, prix_unitaire_cents: 1299 },
    ];
    expect(totalCents(lignes)).to.equal(2297);
    expect(totalCents([])).to.equal(0);
  });

  it('compares lines field by field', () => {
    const ligne = { produit_id: 1, quantite: 2, prix_unitaire_cents: 5 };
    const a = [ligne];
    expect(sameLignes(a, [{ produit_id: 1, quantite: 2, prix_unitaire_cents: 9 }])).to.equal(true);
    const withPrice = ['produit_id', 'quantite', 'prix_unitaire_cents'] as const;
    expect(sameLignes(a, [{ ...ligne, prix_unitaire_cents: 9 }], withPrice)).to.equal(false);
    expect(sameLignes(a, [])).to.equal(false);
  });
});
