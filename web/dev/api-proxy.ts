import type { ProxyOptions } from 'vite';

/**
 * Which `npm start` process answers a path, as an offset from its BASE_PORT
 * (src/system/config.ts lists them in this order). The gateway routes the same paths
 * (deploy/krakend/krakend.json); phase 2's local server should read them from there.
 */
const ROUTES: readonly (readonly [pattern: string, offset: number])[] = [
  ['^/api/commandes?(/|$|\\?)', 0],
  ['^/api/produits', 1],
  ['^/api/magasins', 2],
  ['^/api/stock', 3],
  ['^/api/pannes/stock', 3],
  ['^/api/clients', 4],
  ['^/api/pannes/client', 4],
  ['^/api/panier', 5],
  ['^/api/pannes/panier', 5],
  ['^/api/ventes', 6],
  ['^/api/pannes/ventes', 6],
  ['^/api/auth', 7],
  ['^/\\.well-known', 7],
];

export interface ProxyEnv {
  /** One origin serving every API path (the gateway, or phase 2's local server). */
  API_TARGET?: string | undefined;
  /** Otherwise: the BASE_PORT of a running `npm start` (default 8000), routed by path. */
  API_BASE_PORT?: string | undefined;
  API_HOST?: string | undefined;
}

/** The dev/preview proxy: `/api/*` and `/.well-known/*` go to a running system. */
export function apiProxy(env: ProxyEnv): Record<string, ProxyOptions> {
  if (env.API_TARGET) {
    const target = env.API_TARGET;
    return {
      '/api': { target, changeOrigin: true },
      '/.well-known': { target, changeOrigin: true },
    };
  }
  const base = Number(env.API_BASE_PORT ?? 8000);
  if (!Number.isInteger(base) || base < 1 || base > 65_000) {
    throw new Error(`API_BASE_PORT must be a port number, got ${env.API_BASE_PORT}`);
  }
  const host = env.API_HOST ?? '127.0.0.1';
  return Object.fromEntries(
    ROUTES.map(([pattern, offset]) => [pattern, { target: `http://${host}:${base + offset}` }]),
  );
}
