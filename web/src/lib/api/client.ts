import type { ApiErrorBody } from '../api-types.js';
import { sessionStore } from '../auth/session.js';

/** Code given to failures that never reached an answer (no network, server down). */
export const NETWORK_ERROR = 'RESEAU';

/**
 * Any failed call: `status` 0 when no answer came back. `code` is the service's
 * `error.code`; `body` keeps an answer that is not an error body (a checkout refused
 * with 409 answers the ANNULEE commande itself).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly body: unknown;
  /** The answer's Retry-After in seconds, when it gave one (429, 503). */
  readonly retryAfterS: number | undefined;

  constructor(status: number, code: string, message: string, body?: unknown, retryAfterS?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.body = body;
    this.retryAfterS = retryAfterS;
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export type Query = Readonly<Record<string, string | number | null | undefined>>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  headers?: Readonly<Record<string, string>>;
  signal?: AbortSignal | undefined;
}

export interface ApiResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

function withQuery(path: string, query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Retry-After in seconds (the form the services use); a date or nonsense counts as none. */
function retryAfter(res: Response): number | undefined {
  const value = res.headers.get('Retry-After');
  return value !== null && /^\d{1,6}$/.test(value) ? Number(value) : undefined;
}

const isErrorBody = (body: unknown): body is ApiErrorBody => {
  const error = (body as Partial<ApiErrorBody> | undefined)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
};

/**
 * A 503 with Retry-After (an overloaded or restarting server: nothing was done) is sent again
 * once that wait is over, at most this many times and only for waits this short; past them
 * the error, with its Retry-After, goes to the page.
 */
const OVERLOAD_RETRIES = 2;
const OVERLOAD_MAX_WAIT_S = 5;

/** Safe to send again: a read, or a command whose Idempotency-Key never acts twice. */
const repeatable = (method: string, headers: Readonly<Record<string, string>>): boolean =>
  method === 'GET' || Object.keys(headers).some((h) => h.toLowerCase() === 'idempotency-key');

const pause = (s: number, signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, s * 1000);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

async function send(method: string, path: string, options: RequestOptions, headers: Headers) {
  const init = {
    method,
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
    signal: options.signal ?? null,
  };
  for (let attempt = 0; ; attempt += 1) {
    const res = await fetch(withQuery(path, options.query), init);
    const wait = retryAfter(res);
    const again =
      res.status === 503 &&
      wait !== undefined &&
      wait <= OVERLOAD_MAX_WAIT_S &&
      attempt < OVERLOAD_RETRIES &&
      repeatable(method, options.headers ?? {});
    if (!again) return res;
    await pause(wait, options.signal);
    options.signal?.throwIfAborted();
  }
}

/** The one way the front calls the API: token attached, errors typed, 401 ends the session. */
export async function apiFetch<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const token = sessionStore.get()?.token;
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await send(method, path, options, new Headers(headers));
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new ApiError(0, NETWORK_ERROR, 'No answer from the server', undefined);
  }
  const body = await readJson(res);
  if (res.ok) return { status: res.status, body: body as T, headers: res.headers };
  // The token expired or its key was retired: back to the login, the page remembered.
  if (res.status === 401 && token) sessionStore.expire();
  const wait = retryAfter(res);
  if (isErrorBody(body)) {
    throw new ApiError(res.status, body.error.code, body.error.message, undefined, wait);
  }
  throw new ApiError(res.status, `HTTP_${res.status}`, res.statusText, body, wait);
}

export async function apiGet<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await apiFetch<T>('GET', path, options)).body;
}

export async function apiSend<T>(
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  return (await apiFetch<T>(method, path, options)).body;
}
