import type { Knex } from 'knex';
import type pg from 'pg';
import { inSqlSpan, sqlTracerOf } from './sql-spans.js';
import type { Tracer } from './tracing.js';

interface PoolClient {
  acquireConnection(): Promise<pg.Client>;
  releaseConnection(connection: pg.Client): Promise<void>;
}

/** Where a hot statement runs: a connection of the pool, for that statement alone. */
export type Runner = Knex;

export type PreparedQuery<R> = (
  db: Runner,
  params: Readonly<Record<string, unknown>>,
) => Promise<{ rows: R[]; rowCount: number }>;

const poolOf = (db: Knex): PoolClient => db.client as PoolClient;

interface Corkable {
  connection?: { stream?: { cork?: () => void; uncork?: () => void } };
}

/**
 * Sends what `submit` writes in one system call. pg writes each message of an extended
 * query (Bind, Describe, Execute, Sync) with a write of its own, and an idle connection
 * sends them at once, in the same tick: corked, they leave in one writev instead of four
 * (in a CPU profile of a participant under load, socket writes were a fifth of its time).
 */
function corked<T>(connection: pg.Client, submit: () => T): T {
  const stream = (connection as unknown as Corkable).connection?.stream;
  stream?.cork?.();
  try {
    return submit();
  } finally {
    stream?.uncork?.();
  }
}

/**
 * A hot-path statement written with named bindings (`:name`), compiled once to `$n`
 * placeholders and run as a named prepared statement on a connection of the Knex pool,
 * so PostgreSQL parses and plans it once per connection instead of on every call, and
 * none of Knex's per-query work (bindings, events, its own query object) is done.
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
  const run = async (connection: pg.Client, values: unknown[], tracer: Tracer | undefined) => {
    const result = await inSqlSpan(tracer, sql, () =>
      corked(connection, () =>
        connection.query<R & pg.QueryResultRow>({ name, text: sql, values }),
      ),
    );
    return { rows: result.rows, rowCount: result.rowCount ?? 0 };
  };
  return async (db, params) => {
    const values = order.map((key) => {
      const value = params[key];
      if (value === undefined) throw new Error(`${name}: no value for :${key}`);
      return value;
    });
    const pool = poolOf(db);
    const connection = await pool.acquireConnection();
    try {
      return await run(connection, values, sqlTracerOf(db));
    } finally {
      await pool.releaseConnection(connection);
    }
  };
}

/**
 * The code a statement refused with through the `refuser(code)` SQL function (SQLSTATE
 * P0001, its message the code: see the services' `create_refuser` migrations); undefined for
 * any other error.
 */
export function refusalOf(err: unknown): string | undefined {
  const { code, message } = err as { code?: unknown; message?: unknown };
  return code === 'P0001' && typeof message === 'string' ? message : undefined;
}
