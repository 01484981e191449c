import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const MODULES = fileURLToPath(new URL('node_modules/', import.meta.url));
const PACKAGES = ['@dbos-inc/dbos-sdk', '@restatedev/restate-sdk', '@restatedev/restate-server'];

async function versionOf(pkg: string): Promise<string> {
  try {
    const json = JSON.parse(await readFile(`${MODULES}${pkg}/package.json`, 'utf8')) as {
      version?: string;
    };
    return json.version ?? 'unknown';
  } catch {
    return 'not installed';
  }
}

/** What ran: Node.js, PostgreSQL and the peers' packages, for the report's header. */
export async function peerVersions(postgresUrl: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
  await client.end();
  const versions: Record<string, string> = {
    node: process.version,
    postgresql: rows[0]?.server_version ?? '?',
  };
  for (const pkg of PACKAGES) versions[pkg] = await versionOf(pkg);
  return versions;
}
