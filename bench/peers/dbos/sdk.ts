/**
 * The part of `@dbos-inc/dbos-sdk` (bench/peers/package.json) this bench uses, typed here and
 * loaded at run time, so the product's `npm ci` and typecheck never need the peer packages.
 */
export interface DbosStepConfig {
  name: string;
  retriesAllowed: boolean;
  maxAttempts: number;
  intervalSeconds: number;
  backoffRate: number;
  shouldRetry: (err: unknown) => boolean;
}

export interface DbosWorkflowHandle<R> {
  getResult(): Promise<R>;
}

export interface Dbos {
  setConfig(config: { name: string; systemDatabaseUrl: string }): void;
  launch(): Promise<void>;
  shutdown(): Promise<void>;
  registerWorkflow<A extends unknown[], R>(
    fn: (...args: A) => Promise<R>,
    config: { name: string },
  ): (...args: A) => Promise<R>;
  startWorkflow<A extends unknown[], R>(
    fn: (...args: A) => Promise<R>,
    params: { workflowID: string },
  ): (...args: A) => Promise<DbosWorkflowHandle<R>>;
  runStep<R>(fn: () => Promise<R>, config: DbosStepConfig): Promise<R>;
  readonly workflowID: string | undefined;
}

export async function loadDbos(): Promise<Dbos> {
  const specifier: string = '@dbos-inc/dbos-sdk';
  const { DBOS } = (await import(specifier)) as { DBOS?: Dbos };
  if (typeof DBOS?.runStep !== 'function') throw new Error(`${specifier} has no DBOS.runStep`);
  return DBOS;
}
