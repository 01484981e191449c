import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

/**
 * The two ways the README gives to run the knex CLI, exactly as typed: `npm run knex -- <args>`
 * (the CLI under `node --import tsx`) and the plain `npx knex <args>` of knex's own
 * documentation (the CLI on bare Node, which finds knexfile.js).
 */
const CLIS = [
  { name: 'npm run knex --', command: 'npm', prefix: ['run', '--silent', 'knex', '--'] },
  { name: 'npx knex', command: 'npx', prefix: ['knex'] },
] as const;

type Cli = (typeof CLIS)[number];

function knexCli(
  cli: Cli,
  args: readonly string[],
  databaseUrl: string | undefined,
): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
  delete env.DATABASE_URL;
  if (databaseUrl !== undefined) env.DATABASE_URL = databaseUrl;
  return new Promise((resolve) => {
    execFile(
      cli.command,
      [...cli.prefix, ...args],
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

describe('knexfile.ts (through knexfile.js): the knex CLI on the service databases', function () {
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

  for (const cli of CLIS) {
    describe(`through ${cli.name}`, () => {
      it('migrate:latest records the names the services use; migrate:list and a starting service agree', async () => {
        const { url, db } = await open('knex_orch');
        const names = await migrationNames('orchestrateur');

        const latest = await knexCli(cli, ['migrate:latest', '--env', 'orchestrateur'], url);
        expect(latest.code, latest.output).to.equal(0);
        expect(latest.output).to.include(`Batch 1 run: ${names.length} migrations`);
        expect(await recorded(db)).to.deep.equal(names);
        await db.raw('SELECT id, etat_actuel, echec_incertain FROM commandes LIMIT 0');

        const list = await knexCli(cli, ['migrate:list', '--env', 'orchestrateur'], url);
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
          await service.query('SELECT pg_advisory_lock(hashtext($1))', [
            'migrations:orchestrateur',
          ]);
          const migrating = knexCli(cli, ['migrate:latest', '--env', 'orchestrateur'], url);
          await waitUntil(async () => {
            const { rows } = await db.raw<{ rows: unknown[] }>(
              `SELECT 1 FROM pg_stat_activity
                WHERE application_name = 'knex cli (migration lock)' AND wait_event_type = 'Lock'`,
            );
            return rows.length > 0;
          });
          expect(await db.schema.hasTable('knex_migrations')).to.equal(false);

          await service.end(); // the service's migrations are done: its session ends
          const run = await migrating;
          expect(run.code, run.output).to.equal(0);
          expect(await recorded(db)).to.deep.equal(await migrationNames('orchestrateur'));
        } finally {
          await service.end().catch(() => undefined);
        }
      });

      it('seed:run loads the demo data of that database', async () => {
        const { url, db } = await open('knex_stock');
        expect((await knexCli(cli, ['migrate:latest', '--env', 'stock'], url)).code).to.equal(0);

        const seed = await knexCli(cli, ['seed:run', '--env', 'stock'], url);
        expect(seed.code, seed.output).to.equal(0);
        expect(seed.output).to.include('Ran 1 seed files');
        const { rows } = await db.raw<{ rows: { n: number }[] }>(
          'SELECT count(*)::int AS n FROM stock',
        );
        expect(rows[0]?.n).to.equal(DEMO_STOCK.length);
      });

      it('migrate:make writes a TypeScript ES module migration named as the services expect', async () => {
        const dir = await mkdtemp(path.join(tmpdir(), 'knex-make-'));
        try {
          const args = ['migrate:make', 'ajoute_note', '--env', 'orchestrateur'];
          const make = await knexCli(
            cli,
            [...args, '--migrations-directory', dir],
            'postgres://127.0.0.1:1/none',
          );
          expect(make.code, make.output).to.equal(0);
          const files = await readdir(dir);
          expect(files).to.have.lengthOf(1);
          const [file = ''] = files;
          expect(file).to.match(/^\d{14}_ajoute_note\.ts$/);
          expect(await readFile(path.join(dir, file), 'utf8')).to.include(
            'export async function up(knex: Knex)',
          );
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      });

      it('says what is missing without DATABASE_URL or --env', async () => {
        const noUrl = await knexCli(cli, ['migrate:latest', '--env', 'stock'], undefined);
        expect(noUrl.code).to.not.equal(0);
        expect(noUrl.output).to.include('DATABASE_URL is required');

        const noEnv = await knexCli(cli, ['migrate:list'], 'postgres://127.0.0.1:1/none');
        expect(noEnv.code).to.not.equal(0);
        expect(noEnv.output).to.include('--env orchestrateur|produits');
      });
    });
  }
});
