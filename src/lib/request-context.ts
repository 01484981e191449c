import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line of a request or a saga carries. */
export interface LogContext {
  /** The id of the request being served (the caller's X-Request-Id, or ours). */
  requestId?: string;
  commandeId?: string;
  /** The id a saga's own call chain sends to the services as X-Request-Id. */
  sagaRequestId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

export const currentContext = (): LogContext => storage.getStore() ?? {};

/** Runs fn with the current context extended by extra (e.g. a commande id). */
export const withContext = <T>(extra: LogContext, fn: () => T): T =>
  storage.run({ ...currentContext(), ...extra }, fn);
