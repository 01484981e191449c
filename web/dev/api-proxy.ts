import type { ProxyOptions } from 'vite';

export interface ProxyEnv {
  /**
   * The one origin that serves every API path: a running `npm start`'s web port (it routes
   * each path as the gateway does, from deploy/krakend/krakend.json), or the gateway itself.
   */
  API_TARGET?: string | undefined;
}

/** `npm start`'s web port with the default BASE_PORT (8000 + 9). */
export const DEFAULT_API_TARGET = 'http://127.0.0.1:8009';

/** The dev/preview proxy: `/api/*` and `/.well-known/*` go, unchanged, to a running system. */
export function apiProxy(env: ProxyEnv): Record<string, ProxyOptions> {
  const target = env.API_TARGET ?? DEFAULT_API_TARGET;
  if (!/^https?:\/\/[^/]+\/?$/.test(target)) {
    throw new Error(`API_TARGET must be an origin such as ${DEFAULT_API_TARGET}, got ${target}`);
  }
  return {
    '/api': { target, changeOrigin: true },
    '/.well-known': { target, changeOrigin: true },
  };
}
