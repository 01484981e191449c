/**
 * What a deployment test runs with: fresh secrets (an env file outside the repository, so a
 * developer's own .env is never read nor overwritten), free loopback ports, a scratch folder.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const DBS = [
  'orchestrateur',
  'produits',
  'magasin',
  'stock',
  'client',
  'panier',
  'ventes',
  'auth',
] as const;
export type ServiceDb = (typeof DBS)[number];

export interface StackEnv {
  dir: string;
  file: string;
  vars: Record<string, string>;
  frontPort: number;
  gatewayPort: number;
  prometheusPort: number;
  dbPassword(db: ServiceDb): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

export async function stackEnv(name: string): Promise<StackEnv> {
  const dir = mkdtempSync(path.join(tmpdir(), `${name}-`));
  const [frontPort, gatewayPort, prometheusPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const vars: Record<string, string> = {
    SERVICE_TOKEN: hex(32),
    POSTGRES_PASSWORD: hex(16),
    OPERATOR_PASSWORD: hex(12),
    AUTH_KEY_ENCRYPTION_KEY: hex(32),
    GRAFANA_ADMIN_PASSWORD: hex(12),
    DEMO_DATA: 'true',
    ...Object.fromEntries(DBS.map((db) => [`${db.toUpperCase()}_DB_PASSWORD`, hex(16)])),
    FRONTEND_BIND: '127.0.0.1',
    FRONTEND_PORT: String(frontPort),
    GATEWAY_BIND: '127.0.0.1',
    GATEWAY_PORT: String(gatewayPort),
    PROMETHEUS_BIND: '127.0.0.1',
    PROMETHEUS_PORT: String(prometheusPort),
  };
  const file = path.join(dir, '.env');
  writeFileSync(
    file,
    Object.entries(vars)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
    { mode: 0o600 },
  );
  return {
    dir,
    file,
    vars,
    frontPort,
    gatewayPort,
    prometheusPort,
    dbPassword: (db) => vars[`${db.toUpperCase()}_DB_PASSWORD`] ?? '',
  };
}
