import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { DEMO_ACCOUNTS } from '../../seeds/demo-data.js';
import { createDb } from '../../src/lib/db.js';
import { freshDatabaseUrl } from '../support/postgres.js';

const run = promisify(execFile);

describe('the demo accounts through the knex CLI', function () {
  this.timeout(60_000);

  it('npm run knex -- seed:run --env auth hashes and loads them, once', async () => {
    const url = await freshDatabaseUrl('knex_auth');
    const knex = (...args: string[]) =>
      run('npm', ['run', '--silent', 'knex', '--', ...args, '--env', 'auth'], {
        env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: url },
      });
    await knex('migrate:latest');
    const { stdout } = await knex('seed:run');
    expect(stdout).to.include('Ran 1 seed files');
    await knex('seed:run');
    const db = createDb({ url, poolMax: 1, applicationName: 'seed-cli-test' });
    try {
      const { rows } = await db.raw<{ rows: { username: string; password_hash: string }[] }>(
        'SELECT username, password_hash FROM accounts ORDER BY id',
      );
      expect(rows.map((r) => r.username)).to.deep.equal(DEMO_ACCOUNTS.map((a) => a.username));
      for (const r of rows) expect(r.password_hash).to.match(/^\$argon2id\$/);
    } finally {
      await db.destroy();
    }
  });
});
