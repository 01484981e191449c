/**
 * The part of `@restatedev/restate-sdk` (bench/peers/package.json) this bench uses, typed
 * here and loaded at run time, so the product's `npm ci` and typecheck never need the peer
 * packages.
 */
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';

export interface RestateRunOptions {
  /** Attempts in all, the first included; absent: retried until it succeeds. */
  maxRetryAttempts?: number;
  initialRetryInterval: number;
  maxRetryInterval: number;
  retryIntervalFactor: number;
}

export interface RestateContext {
  run<T>(name: string, action: () => Promise<T>, options: RestateRunOptions): PromiseLike<T>;
  readonly rand: { uuidv4(): string };
}

export interface RestateTerminalError extends Error {
  readonly code: number;
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface RestateSdk {
  service(definition: {
    name: string;
    handlers: Record<string, (ctx: RestateContext, input: unknown) => Promise<unknown>>;
    options: { asTerminalError: (err: unknown) => RestateTerminalError | undefined };
  }): unknown;
  createEndpointHandler(options: {
    services: unknown[];
  }): (req: Http2ServerRequest, res: Http2ServerResponse) => void;
  TerminalError: new (
    message: string,
    options?: { errorCode?: number; metadata?: Record<string, string> },
  ) => RestateTerminalError;
}

/** SDK 1.16 calls Promise.withResolvers (Node 22); without it every invocation fails. */
function polyfillWithResolvers(): void {
  if (typeof (Promise as { withResolvers?: unknown }).withResolvers === 'function') return;
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

export async function loadRestateSdk(): Promise<RestateSdk> {
  polyfillWithResolvers();
  const specifier: string = '@restatedev/restate-sdk';
  const sdk = (await import(specifier)) as Partial<RestateSdk>;
  if (typeof sdk.createEndpointHandler !== 'function') {
    throw new Error(`${specifier} has no createEndpointHandler`);
  }
  return sdk as RestateSdk;
}
