import { readdir } from 'node:fs/promises';
import { expect } from 'chai';
import { createDb, migrate } from '../src/lib/db.js';
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
