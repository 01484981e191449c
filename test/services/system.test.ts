import { expect } from 'chai';
import { loadAuthConfig } from '../../src/services/auth/config.js';
import { createLogger } from '../../src/lib/logger.js';
import { loadClientConfig } from '../../src/services/client/config.js';
import { loadMagasinConfig } from '../../src/services/magasin/config.js';
import { loadPanierConfig } from '../../src/services/panier/config.js';
import { loadProduitsConfig } from '../../src/services/produits/config.js';
import { loadStockConfig } from '../../src/services/stock/config.js';
import { loadVentesConfig } from '../../src/services/ventes/config.js';
import { loadSystemConfig, type SystemConfig } from '../../src/system/config.js';
import { type RunningSystem, startSystem } from '../../src/system/start-all.js';
import { bearer, login, SERVICE_TOKEN } from '../auth/support/identity.js';
import { call, get } from '../contract/http.js';
import { freePort, testPostgres } from '../support/postgres.js';

const SEVEN = ['produits', 'magasin', 'stock', 'client', 'panier', 'ventes', 'auth'] as const;

/** npm start's configuration for `services` on the test PostgreSQL, each on a free port. */
async function systemConfig(
  services: readonly string[],
  prefix: string,
  extra: Record<string, string>,
): Promise<SystemConfig> {
  const pg = await testPostgres();
  const ports = Object.fromEntries(
    await Promise.all(
      services.map(async (s) => [`${s.toUpperCase()}_PORT`, String(await freePort())]),
    ),
  );
  return loadSystemConfig({
    DATABASE_URL: pg.urlFor('postgres'),
    DB_PREFIX: prefix,
    SERVICES: services.join(','),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ...extra,
    ...ports,
  });
}

describe('the whole system in one command (start-all)', function () {
  this.timeout(90_000);
  let system: RunningSystem;

  before(async () => {
    const config = await systemConfig(SEVEN, `sys${process.pid}_`, {});
    system = await startSystem(config, createLogger('system', 'silent', 'json'));
  });

  after(async () => {
    await system?.stop();
  });

  const everyServiceReady = async (): Promise<void> => {
    for (const s of SEVEN) {
      const url = system.urls[s];
      expect(url, s).to.be.a('string');
      const ready = await get(`${url}/ready`);
      expect(ready.body, s).to.deep.equal({ status: 'ready', service: s });
    }
  };

  it('starts every service but the orchestrator in one process (the default), each ready on its own port', async () => {
    await everyServiceReady();
    const pids = new Set(Object.values(system.pids()));
    expect(pids.size).to.equal(1);
    expect([...pids][0])
      .to.be.a('number')
      .and.not.equal(process.pid);
  });

  it('restarts that process when it dies, and every service in it answers again', async function () {
    this.timeout(60_000);
    const before = system.pids().stock ?? 0;
    process.kill(before, 'SIGKILL');
    const deadline = Date.now() + 45_000;
    for (;;) {
      const now = system.pids().stock;
      const ready = await Promise.all(
        SEVEN.map((s) =>
          get(`${system.urls[s]}/ready`).then(
            (r) => r.status,
            () => 0,
          ),
        ),
      );
      if (now !== before && ready.every((status) => status === 200)) break;
      if (Date.now() > deadline) throw new Error(`not back: ${ready.join(', ')}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    await everyServiceReady();
  });

  it('checks identity in every child: nothing private without a token', async () => {
    expect((await get(`${system.urls.panier}/api/panier/1`)).status).to.equal(401);
    expect((await get(`${system.urls.client}/api/clients/1`)).status).to.equal(401);
    expect((await get(`${system.urls.produits}/api/produits/1`)).status).to.equal(200);
  });

  it('loads the demo data and accounts: a filled cart priced from the catalogue, a rupture, balances', async () => {
    const auth = system.urls.auth ?? '';
    const alice = bearer(await login(auth, 'alice'));
    const panier = await call('GET', `${system.urls.panier}/api/panier/1`, { headers: alice });
    expect(panier.body).to.include({ client_id: 1, total_cents: 2 * 499 + 1299 });
    const operateur = bearer(await login(auth, 'operateur'));
    const ruptures = await call<{ ruptures: { produit_id: number }[] }>(
      'GET',
      `${system.urls.stock}/api/stock/magasins/1/ruptures`,
      { headers: operateur },
    );
    expect(ruptures.body.ruptures.map((r) => r.produit_id)).to.deep.equal([5]);
    const poor = await call('GET', `${system.urls.client}/api/clients/2`, {
      headers: bearer(await login(auth, 'bruno')),
    });
    expect(poor.body).to.include({ solde_cents: 100 });
  });

  it('stops every child process on stop()', async () => {
    const pids = [...new Set(Object.values(system.pids()))];
    expect(pids).to.have.length(1);
    await system.stop();
    const alive = pids.filter((pid) => {
      try {
        process.kill(pid ?? 0, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).to.deep.equal([]);
  });

  it('gives every base port its own offset, with per-service overrides', () => {
    const config = loadSystemConfig({ BASE_PORT: '9000', STOCK_PORT: '9100' });
    expect(config.ports).to.include({
      orchestrateur: 9000,
      produits: 9001,
      stock: 9100,
      ventes: 9006,
      auth: 9007,
    });
    expect(() => loadSystemConfig({ SERVICES: 'stock,nope' })).to.throw(/SERVICES/);
  });

  it('listens on 127.0.0.1 unless HOST says otherwise, the supervisor and every service', () => {
    const env = {
      DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/d',
      AUTH_JWKS_URL: 'http://127.0.0.1:3/.well-known/jwks.json',
      SERVICE_TOKEN,
      PRODUITS_URL: 'http://127.0.0.1:1',
      CLIENT_URL: 'http://127.0.0.1:2',
    };
    const loaders = {
      system: loadSystemConfig,
      produits: loadProduitsConfig,
      magasin: loadMagasinConfig,
      stock: loadStockConfig,
      client: loadClientConfig,
      panier: loadPanierConfig,
      ventes: loadVentesConfig,
      auth: loadAuthConfig,
    };
    for (const [name, load] of Object.entries(loaders)) {
      expect(load(env).host, name).to.equal('127.0.0.1');
      expect(load({ ...env, HOST: '0.0.0.0' }).host, `${name} in a container`).to.equal('0.0.0.0');
    }
  });
});

describe('one process per service (SERVICE_PROCESSES=separate)', function () {
  this.timeout(90_000);

  it('starts each service in a process of its own, and stops them all', async () => {
    const three = ['produits', 'magasin', 'stock'] as const;
    const config = await systemConfig(three, `sep${process.pid}_`, {
      SERVICE_PROCESSES: 'separate',
      // Without the auth service in the subset, no key set to check tokens with.
      AUTH_REQUIRED: 'false',
      SEED: 'false',
    });
    const system = await startSystem(config, createLogger('system', 'silent', 'json'));
    const pids = Object.values(system.pids());
    try {
      for (const s of three) {
        expect((await get(`${system.urls[s]}/ready`)).body, s).to.include({ service: s });
      }
      expect(new Set(pids).size).to.equal(three.length);
    } finally {
      await system.stop();
    }
    const alive = pids.filter((pid) => {
      try {
        return process.kill(pid ?? 0, 0);
      } catch {
        return false;
      }
    });
    expect(alive).to.deep.equal([]);
  });
});
