import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { Knex } from 'knex';
import pg from 'pg';
import { KNEX_ENVIRONMENTS } from '../../knexfile.js';
import { DEMO_STOCK } from '../../seeds/demo-data.js';
import { createDb, migrate } from '../../src/lib/db.js';
import { freshDatabaseUrl } from '../support/postgres.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const migrationsDir = (service: string): string => `${ROOT}migrations/${service}`;

interface CliRun {
  code: number;
  output: string;
}

/** `npm run knex -- <args>`, exactly as the README tells a user to type it. */
function knexCli(args: readonly string[], databaseUrl: string | undefined): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
  delete env.DATABASE_URL;
  if (databaseUrl !== undefined) env.DATABASE_URL = databaseUrl;
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', 'knex', '--', ...args],
      { cwd: ROOT, env, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** The names the services record: the file names without their extension. */
async function migrationNames(service: string): Promise<string[]> {
  const files = await readdir(migrationsDir(service));
  return files.map((f) => f.replace(/\.ts$/, '')).sort();
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function recorded(db: Knex): Promise<string[]> {
  const { rows } = await db.raw<{ rows: { name: string }[] }>(
    'SELECT name FROM knex_migrations ORDER BY name',
  );
  return rows.map((r) => r.name);
}

describe('knexfile.ts: the knex CLI on the service databases', function () {
  this.timeout(120_000);
  const dbs: Knex[] = [];
  const open = async (prefix: string): Promise<{ url: string; db: Knex }> => {
    const url = await freshDatabaseUrl(prefix);
    const db = createDb({ url, poolMax: 2, applicationName: 'knex-cli-test' });
    dbs.push(db);
    return { url, db };
  };

  after(async () => {
    await Promise.all(dbs.map((db) => db.destroy()));
  });

  it('has an environment for every service database and every migrations folder', async () => {
    const databases = ['orchestrateur', 'produits', 'magasin', 'stock', 'client', 'panier'];
    expect(KNEX_ENVIRONMENTS).to.include.members([...databases, 'ventes', 'auth']);
    expect(KNEX_ENVIRONMENTS).to.include.members(await readdir(`${ROOT}migrations`));
  });

  it('migrate:latest records the names the services use; migrate:list and a starting service agree', async () => {
    const { url, db } = await open('knex_orch');
    const names = await migrationNames('orchestrateur');

    const latest = await knexCli(['migrate:latest', '--env', 'orchestrateur'], url);
    expect(latest.code, latest.output).to.equal(0);
    expect(latest.output).to.include(`Batch 1 run: ${names.length} migrations`);
    expect(await recorded(db)).to.deep.equal(names);
    await db.raw('SELECT id, etat_actuel, echec_incertain FROM commandes LIMIT 0');

    const list = await knexCli(['migrate:list', '--env', 'orchestrateur'], url);
    expect(list.code, list.output).to.equal(0);
    expect(list.output).to.include(`Found ${names.length} Completed Migration file/files.`);
    expect(list.output).to.include('No Pending Migration files Found.');

    await migrate(db, migrationsDir('orchestrateur')); // what the orchestrator runs at start-up
    expect(await recorded(db)).to.deep.equal(names);
  });

  it('waits for the lock a starting service holds before touching a brand-new database', async () => {
    const { url, db } = await open('knex_lock');
    const service = new pg.Client({ connectionString: url });
    await service.connect();
    try {
      await service.query('SELECT pg_advisory_lock(hashtext($1))', ['migrations:orchestrateur']);
      const cli = knexCli(['migrate:latest', '--env', 'orchestrateur'], url);
      await waitUntil(async () => {
        const { rows } = await db.raw<{ rows: unknown[] }>(
          `SELECT 1 FROM pg_stat_activity
            WHERE application_name = 'knex cli (migration lock)' AND wait_event_type = 'Lock'`,
        );
        return rows.length > 0;
      });
      expect(await db.schema.hasTable('knex_migrations')).to.equal(false);

      await service.end(); // the service's migrations are done: its session ends
      const run = await cli;
      expect(run.code, run.output).to.equal(0);
      expect(await recorded(db)).to.deep.equal(await migrationNames('orchestrateur'));
    } finally {
      await service.end().catch(() => undefined);
    }
  });

  it('seed:run loads the demo data of that database', async () => {
    const { url, db } = await open('knex_stock');
    expect((await knexCli(['migrate:latest', '--env', 'stock'], url)).code).to.equal(0);

    const seed = await knexCli(['seed:run', '--env', 'stock'], url);
    expect(seed.code, seed.output).to.equal(0);
    expect(seed.output).to.include('Ran 1 seed files');
    const { rows } = await db.raw<{ rows: { n: number }[] }>(
      'SELECT count(*)::int AS n FROM stock',
    );
    expect(rows[0]?.n).to.equal(DEMO_STOCK.length);
  });

  it('says what is missing without DATABASE_URL or --env', async () => {
    const noUrl = await knexCli(['migrate:latest', '--env', 'stock'], undefined);
    expect(noUrl.code).to.not.equal(0);
    expect(noUrl.output).to.include('DATABASE_URL is required');

    const noEnv = await knexCli(['migrate:list'], 'postgres://127.0.0.1:1/none');
    expect(noEnv.code).to.not.equal(0);
    expect(noEnv.output).to.include('--env orchestrateur|produits');
  });
});
