import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { createDb, migrate } from '../../src/lib/db.js';
import { serviceMigrations } from '../../src/lib/service.js';
import { reserver } from '../../src/services/stock/reservations-repo.js';
import { freshDatabaseUrl } from '../support/postgres.js';

/**
 * Every checkout takes from the same few stock lines. A reservation must rewrite them in
 * place (a HOT update: no index touched, the old version pruned on the page) rather than add
 * index entries for each new version, which an index on `quantite` forced.
 */
describe('stock: reservations update lines in place (HOT)', () => {
  let db: Knex;

  before(async () => {
    // One connection: the statistics read below are those this backend flushed.
    db = createDb({
      url: await freshDatabaseUrl('stock_hot'),
      poolMax: 1,
      applicationName: 'stock-hot-test',
    });
    await migrate(db, serviceMigrations('stock'));
  });
  after(async () => {
    await db?.destroy();
  });

  it('takes 40 reservations from two lines without a single non-HOT update', async () => {
    await db.raw(
      'INSERT INTO stock (magasin_id, produit_id, quantite) VALUES (1, 1, 1000), (1, 2, 1000)',
    );
    for (let i = 0; i < 40; i += 1) {
      const lignes = [
        { produit_id: 1, quantite: 1 },
        { produit_id: 2, quantite: 2 },
      ];
      expect(await reserver(db, randomUUID(), 1, lignes)).to.equal(true);
    }
    await db.raw('SELECT pg_stat_force_next_flush()');
    const { rows } = await db.raw<{ rows: { upd: number; hot: number; lines: number }[] }>(
      `SELECT n_tup_upd AS upd, n_tup_hot_upd AS hot,
              (SELECT sum(quantite)::int FROM stock) AS lines
         FROM pg_stat_user_tables WHERE relname = 'stock'`,
    );
    expect(rows[0]).to.deep.equal({ upd: 80, hot: 80, lines: 1880 });
  });
});
