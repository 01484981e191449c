import { expect } from 'chai';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/lib/embedded-postgres.js';
import { embeddedBinaries, openForSearch } from '../../src/lib/postgres-access.js';
import { freePort } from '../support/postgres.js';

const modeOf = async (p: string): Promise<number> => (await stat(p)).mode & 0o777;

/** A directory only its owner may enter, as `mktemp -d` makes them. */
async function privateDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'saga-private-'));
  expect(await modeOf(dir)).to.equal(0o700);
  return dir;
}

describe('embedded PostgreSQL under directories only root may enter', () => {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  it('finds the binaries embedded-postgres runs', async () => {
    expect((await stat(embeddedBinaries())).isFile()).to.equal(true);
  });

  it('adds search permission (x, never read) on every directory above the targets', async () => {
    const top = await privateDir();
    made.push(top);
    const inner = path.join(top, 'inner');
    await mkdir(inner, { mode: 0o700 });
    const file = path.join(inner, 'initdb');
    await writeFile(file, '');

    const changed = await openForSearch([file]);

    expect(changed).to.include.members([top, inner]);
    expect(await modeOf(top)).to.equal(0o701);
    expect(await modeOf(inner)).to.equal(0o701);
    expect(await openForSearch([file])).to.deep.equal([]);
  });

  it('starts a server whose data folder lies under such a directory', async function () {
    this.timeout(30_000);
    const top = await privateDir();
    made.push(top);
    const server = await startEmbeddedPostgres({
      dataDir: path.join(top, 'data'),
      port: await freePort(),
      persistent: false,
    });
    try {
      const client = new pg.Client({ connectionString: server.urlFor('postgres') });
      await client.connect();
      const { rows } = await client.query<{ one: number }>('SELECT 1 AS one');
      await client.end();
      expect(rows).to.deep.equal([{ one: 1 }]);
    } finally {
      await server.stop();
    }
  });
});
