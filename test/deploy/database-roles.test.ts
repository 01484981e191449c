import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import pg from 'pg';
import { type PostgresServer, startEmbeddedPostgres } from '../../src/lib/embedded-postgres.js';
import { freePort } from '../support/postgres.js';
import { requireTool } from '../support/tools.js';
import {
  DATABASES,
  dbPasswordVar,
  run,
  TEST_SECRETS,
  useResolvedCompose,
  type ComposeService,
} from './support/compose.js';

const SCRIPT = 'deploy/postgres/service-role.sh';
const MOUNTED = '/docker-entrypoint-initdb.d/10-service-role.sh';

const secretOf = (db: string): string => TEST_SECRETS[dbPasswordVar(db)] ?? '';

/** Every database URL a container is given (DATABASE_URL, the seed's <NAME>_DATABASE_URL). */
const databaseUrls = (s: ComposeService): URL[] =>
  Object.entries(s.environment ?? {})
    .filter(([k, v]) => k.endsWith('DATABASE_URL') && v !== null)
    .map(([, v]) => new URL(v ?? ''));

describe('deployment: one database role per service (docker-compose.yml)', function () {
  this.timeout(60_000);
  const view = useResolvedCompose();

  it('gives each database container its own role password and the script that creates the role', () => {
    for (const db of DATABASES) {
      const s = view().resolved.services[`${db}-db`];
      expect(s?.environment?.POSTGRES_DB, db).to.equal(db);
      expect(s?.environment?.SERVICE_DB_PASSWORD, db).to.equal(secretOf(db));
      expect(s?.environment?.POSTGRES_USER, db).to.not.equal(db);
      const mounts = (s?.volumes ?? []).map((v) =>
        typeof v === 'string' ? v : `${v.source ?? ''}:${v.target ?? ''}`,
      );
      expect(
        mounts.some((m) => m.includes(`${SCRIPT}:${MOUNTED}`)),
        `${db}: ${mounts.join(', ')}`,
      ).to.equal(true);
    }
    // Distinct passwords, or one leaked container opens every database again.
    expect(new Set(DATABASES.map(secretOf)).size).to.equal(DATABASES.length);
  });

  it('connects every container to a database as that database role, with its password only', () => {
    for (const [name, s] of Object.entries(view().resolved.services)) {
      for (const url of databaseUrls(s)) {
        const db = url.pathname.slice(1);
        expect(url.hostname, `${name} -> ${db}`).to.equal(`${db}-db`);
        expect(url.username, `${name} -> ${db}`).to.equal(db);
        expect(decodeURIComponent(url.password), `${name} -> ${db}`).to.equal(secretOf(db));
      }
    }
  });

  it('gives no app container the superuser password or the role password of another database', () => {
    for (const [name, s] of view().apps) {
      const own = databaseUrls(s).map((u) => u.pathname.slice(1));
      expect(own, name).to.have.length(1);
      const values = Object.values(s.environment ?? {}).join('\n');
      expect(values, name).to.not.contain(TEST_SECRETS.POSTGRES_PASSWORD);
      for (const db of DATABASES.filter((d) => !own.includes(d))) {
        expect(values, `${name} holds ${db}'s password`).to.not.contain(secretOf(db));
      }
    }
    // In particular the orchestrator: nothing of the client database.
    const orchestrateur = view().resolved.services['orchestrateur-service'];
    const text = JSON.stringify(orchestrateur?.environment ?? {});
    expect(text).to.not.contain(secretOf('client')).and.not.contain('client-db');
  });
});

describe(`deployment: ${SCRIPT} on a real PostgreSQL`, function () {
  this.timeout(120_000);
  let server: PostgresServer;
  let port: number;
  let dir: string;
  const admin = (database: string): string => server.urlFor(database);

  /** As the postgres image runs it: POSTGRES_DB made first, then the script as the superuser. */
  const initialise = async (db: string, password: string): Promise<void> => {
    await server.ensureDatabase(db);
    const url = new URL(admin(db));
    const r = run('sh', [SCRIPT], undefined, {
      ...process.env,
      PGHOST: url.hostname,
      PGPORT: url.port,
      PGPASSWORD: decodeURIComponent(url.password),
      POSTGRES_USER: decodeURIComponent(url.username),
      POSTGRES_DB: db,
      SERVICE_DB_PASSWORD: password,
    });
    expect(r.status, r.stderr).to.equal(0);
  };

  const connect = async (user: string, password: string, database: string): Promise<pg.Client> => {
    const client = new pg.Client({ host: '127.0.0.1', port, user, password, database });
    await client.connect();
    return client;
  };
  const refusal = (user: string, password: string, database: string): Promise<string> =>
    connect(user, password, database).then(
      async (c) => {
        await c.end();
        return 'connected';
      },
      (err: unknown) => String(err),
    );

  before(async function () {
    requireTool(
      this,
      !run('psql', ['--version']).missing,
      'psql is needed (apt-get install postgresql-client)',
    );
    dir = await mkdtemp(path.join(tmpdir(), 'saga-roles-'));
    port = await freePort();
    // A server of its own: the script takes CONNECT from PUBLIC on every other database.
    server = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'data'),
      port,
      persistent: false,
    });
    // Two services on one server, the harder case: in compose each has its own server too.
    await initialise('orchestrateur', 'orchestrateur-secret');
    await initialise('client', 'client-secret');
  });

  after(async () => {
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lets a service role into its own database, where its migrations can create tables', async () => {
    const c = await connect('orchestrateur', 'orchestrateur-secret', 'orchestrateur');
    try {
      await c.query('CREATE TABLE t (id int PRIMARY KEY)');
      await c.query('INSERT INTO t VALUES (1)');
      const { rows } = await c.query<{ super: boolean; createrole: boolean; createdb: boolean }>(
        `SELECT rolsuper AS super, rolcreaterole AS createrole, rolcreatedb AS createdb
           FROM pg_roles WHERE rolname = current_user`,
      );
      expect(rows[0]).to.deep.equal({ super: false, createrole: false, createdb: false });
    } finally {
      await c.end();
    }
  });

  it('keeps it out of every other database, and refuses a wrong password', async () => {
    expect(await refusal('orchestrateur', 'orchestrateur-secret', 'client')).to.match(
      /permission denied for database "client"/,
    );
    expect(await refusal('orchestrateur', 'orchestrateur-secret', 'postgres')).to.match(
      /permission denied for database "postgres"/,
    );
    expect(await refusal('client', 'client-secret', 'orchestrateur')).to.match(/permission denied/);
    expect(await refusal('client', 'orchestrateur-secret', 'client')).to.match(
      /password authentication failed/,
    );
    const c = await connect('client', 'client-secret', 'client');
    await c.end();
  });
});
