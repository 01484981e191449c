import type { Knex } from 'knex';
import { inTrace, recordFailure, SpanKind, type Span, type Tracer } from './tracing.js';

/**
 * SQL client spans, child of the current span (a request's, a saga's): one per statement
 * run within a trace, whether through Knex (its query events) or as a prepared statement on
 * a connection taken from its pool (prepared.ts), which Knex never sees.
 */
const tracers = new WeakMap<Knex, Tracer>();

export const verbOf = (sql: string): string =>
  (sql.trimStart().split(/\s/, 1)[0] ?? 'query').toUpperCase();

export function startSqlSpan(tracer: Tracer, verb: string, sql: string): Span {
  return tracer.startSpan(`SQL ${verb.toUpperCase()}`, {
    kind: SpanKind.CLIENT,
    attributes: { 'db.system.name': 'postgresql', 'db.query.text': sql },
  });
}

/** Statements run outside Knex on `db`'s connections get their spans from `tracer`. */
export function traceOutsideKnex(db: Knex, tracer: Tracer): void {
  tracers.set(db, tracer);
}

/** The tracer for `db`'s statements when there is a trace to record them in. */
export function sqlTracerOf(db: Knex): Tracer | undefined {
  const tracer = tracers.get(db);
  return tracer !== undefined && inTrace() ? tracer : undefined;
}

/** Runs `statement` inside its span when `tracer` is given (nothing spent otherwise). */
export async function inSqlSpan<T>(
  tracer: Tracer | undefined,
  sql: string,
  statement: () => Promise<T>,
): Promise<T> {
  if (tracer === undefined) return statement();
  const span = startSqlSpan(tracer, verbOf(sql), sql);
  try {
    return await statement();
  } catch (err) {
    recordFailure(span, err);
    throw err;
  } finally {
    span.end();
  }
}
