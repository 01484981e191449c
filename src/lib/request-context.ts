import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line of a request or a saga carries. */
export interface LogContext {
  requestId?: string;
  commandeId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

export const currentContext = (): LogContext => storage.getStore() ?? {};

/** Runs fn with the current context extended by extra (e.g. a commande id). */
export const withContext = <T>(extra: LogContext, fn: () => T): T =>
  storage.run({ ...currentContext(), ...extra }, fn);
