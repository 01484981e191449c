import { expect } from 'chai';
import { createLogger } from '../../src/lib/logger.js';
import { loadClientConfig } from '../../src/services/client/config.js';
import { loadMagasinConfig } from '../../src/services/magasin/config.js';
import { loadPanierConfig } from '../../src/services/panier/config.js';
import { loadProduitsConfig } from '../../src/services/produits/config.js';
import { loadStockConfig } from '../../src/services/stock/config.js';
import { loadVentesConfig } from '../../src/services/ventes/config.js';
import { loadSystemConfig } from '../../src/system/config.js';
import { type RunningSystem, startSystem } from '../../src/system/start-all.js';
import { get } from '../contract/http.js';
import { freePort, testPostgres } from '../support/postgres.js';

const SIX = ['produits', 'magasin', 'stock', 'client', 'panier', 'ventes'] as const;

describe('the whole system in one command (start-all)', function () {
  this.timeout(90_000);
  let system: RunningSystem;

  before(async () => {
    const pg = await testPostgres();
    const ports = Object.fromEntries(
      await Promise.all(
        SIX.map(async (s) => [`${s.toUpperCase()}_PORT`, String(await freePort())]),
      ),
    );
    const config = loadSystemConfig({
      DATABASE_URL: pg.urlFor('postgres'),
      DB_PREFIX: `sys${process.pid}_`,
      SERVICES: SIX.join(','),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      ...ports,
    });
    system = await startSystem(config, createLogger('system', 'silent', 'json'));
  });

  after(async () => {
    await system?.stop();
  });

  it('starts each service as its own process, ready on its own port', async () => {
    for (const s of SIX) {
      const url = system.urls[s];
      expect(url, s).to.be.a('string');
      const ready = await get(`${url}/ready`);
      expect(ready.body, s).to.deep.equal({ status: 'ready', service: s });
    }
  });

  it('loads the demo data: a filled cart priced from the catalogue, a rupture, balances', async () => {
    const panier = await get(`${system.urls.panier}/api/panier/1`);
    expect(panier.body).to.include({ client_id: 1, total_cents: 2 * 499 + 1299 });
    const ruptures = await get<{ ruptures: { produit_id: number }[] }>(
      `${system.urls.stock}/api/stock/magasins/1/ruptures`,
    );
    expect(ruptures.body.ruptures.map((r) => r.produit_id)).to.deep.equal([5]);
    const poor = await get(`${system.urls.client}/api/clients/2`);
    expect(poor.body).to.include({ solde_cents: 100 });
  });

  it('stops every child process on stop()', async () => {
    const pids = Object.values(system.pids());
    expect(pids).to.have.length(SIX.length);
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
    });
    expect(() => loadSystemConfig({ SERVICES: 'stock,nope' })).to.throw(/SERVICES/);
  });

  it('listens on 127.0.0.1 unless HOST says otherwise, the supervisor and every service', () => {
    const env = {
      DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/d',
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
    };
    for (const [name, load] of Object.entries(loaders)) {
      expect(load(env).host, name).to.equal('127.0.0.1');
      expect(load({ ...env, HOST: '0.0.0.0' }).host, `${name} in a container`).to.equal('0.0.0.0');
    }
  });
});
