import { expect } from 'chai';
import { createDb } from '../src/lib/db.js';
import { freshDatabaseUrl } from './support/postgres.js';

describe('embedded PostgreSQL', () => {
  it('gives each suite a real, empty database', async () => {
    const db = createDb({ url: await freshDatabaseUrl('lib'), poolMax: 2, applicationName: 't' });
    const { rows } = await db.raw<{ rows: { n: number }[] }>(
      'SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = ?',
      ['public'],
    );
    expect(rows[0]?.n).to.equal(0);
    await db.destroy();
  });
});
