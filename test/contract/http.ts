import { randomUUID } from 'node:crypto';
import got, { type Method } from 'got';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

export interface CallOptions {
  json?: unknown;
  headers?: Record<string, string>;
}

/** Plain HTTP for tests: no retry, no throw on 4xx/5xx, JSON both ways. */
export async function call<T = Record<string, unknown>>(
  method: Method,
  url: string,
  opts: CallOptions = {},
): Promise<ApiResponse<T>> {
  const res = await got<T>(url, {
    method,
    ...(opts.json === undefined ? {} : { json: opts.json }),
    headers: { 'x-request-id': `test-${randomUUID()}`, ...opts.headers },
    throwHttpErrors: false,
    retry: { limit: 0 },
    timeout: { request: 15_000 },
    responseType: 'json',
  });
  return { status: res.statusCode, body: res.body, headers: res.headers };
}

export const get = <T = Record<string, unknown>>(url: string): Promise<ApiResponse<T>> =>
  call<T>('GET', url);

export const post = <T = Record<string, unknown>>(
  url: string,
  json?: unknown,
  headers?: Record<string, string>,
): Promise<ApiResponse<T>> => call<T>('POST', url, { json, ...(headers ? { headers } : {}) });

export const put = <T = Record<string, unknown>>(
  url: string,
  json: unknown,
): Promise<ApiResponse<T>> => call<T>('PUT', url, { json });

export const del = <T = Record<string, unknown>>(url: string): Promise<ApiResponse<T>> =>
  call<T>('DELETE', url);

/** How many answers had each status, e.g. `{ 201: 5, 402: 7 }`. */
export function statusCounts(answers: readonly { status: number }[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return counts;
}
