import type { Knex } from 'knex';
import type pg from 'pg';

interface PoolClient {
  acquireConnection(): Promise<pg.Client>;
  releaseConnection(connection: pg.Client): Promise<void>;
}

export type PreparedQuery<R> = (
  db: Knex,
  params: Readonly<Record<string, unknown>>,
) => Promise<{ rows: R[]; rowCount: number }>;

/**
 * A hot-path statement written with named bindings (`:name`), compiled once to `$n`
 * placeholders and run as a named prepared statement on a connection of the Knex pool,
 * so PostgreSQL parses and plans it once per connection instead of on every call.
 */
export function prepared<R>(name: string, text: string): PreparedQuery<R> {
  const order: string[] = [];
  // `(?<!:)` keeps `::type` casts intact.
  const sql = text.replace(/(?<!:):([A-Za-z_]\w*)/g, (_m, key: string) => {
    const at = order.indexOf(key);
    if (at >= 0) return `$${at + 1}`;
    order.push(key);
    return `$${order.length}`;
  });
  return async (db, params) => {
    const values = order.map((key) => {
      const value = params[key];
      if (value === undefined) throw new Error(`${name}: no value for :${key}`);
      return value;
    });
    const client = db.client as PoolClient;
    const connection = await client.acquireConnection();
    try {
      const result = await connection.query<R & pg.QueryResultRow>({ name, text: sql, values });
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    } finally {
      await client.releaseConnection(connection);
    }
  };
}
