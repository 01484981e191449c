import { createConnection } from 'node:net';
import { expect } from 'chai';
import { childSpecs } from '../../src/system/children.js';
import { loadSystemConfig } from '../../src/system/config.js';
import { parseServiceGroup, startGroup } from '../../src/system/services-host.js';
import { get } from '../contract/http.js';
import { freePort, freshDatabaseUrl } from '../support/postgres.js';

const ALL = ['orchestrateur', 'produits', 'magasin', 'stock', 'client', 'panier', 'ventes', 'auth'];
const dbUrls = Object.fromEntries(ALL.map((s) => [s, `postgres://u:p@127.0.0.1:5432/${s}`]));
const config = (processes?: string) =>
  loadSystemConfig({
    BASE_PORT: '9000',
    SERVICE_TOKEN: 's'.repeat(32),
    LOG_LEVEL: 'silent',
    ...(processes ? { SERVICE_PROCESSES: processes } : {}),
  });
const portOpen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => resolve(!socket.destroy()));
    socket.once('error', () => resolve(false));
  });

describe('the services process of npm start (SERVICE_PROCESSES)', () => {
  it('shares one process among every service but the orchestrator by default, each with its own port, database and calls', () => {
    const specs = childSpecs(config(), config().services, dbUrls);
    expect(specs.map((s) => [s.name, s.entry, s.services])).to.deep.equal([
      ['orchestrateur', 'orchestrateur', ['orchestrateur']],
      ['services', 'services', ALL.slice(1)],
    ]);
    const [orch, shared] = specs;
    expect(orch?.env).to.include({ PORT: '9000', PANIER_URL: 'http://127.0.0.1:9005' });
    expect(shared?.readyUrls).to.have.length(7).and.include('http://127.0.0.1:9003');
    // Nothing of one service leaks into the others' common environment.
    expect(shared?.env).to.not.have.any.keys('PORT', 'DATABASE_URL', 'PRODUITS_URL', 'DEMO_DATA');
    expect(shared?.env).to.include({ AUTH_REQUIRED: 'true', SERVICE_TOKEN: 's'.repeat(32) });
    const group = parseServiceGroup(shared?.env.SERVICE_GROUP);
    expect(group.stock).to.deep.equal({ PORT: '9003', DATABASE_URL: dbUrls.stock });
    expect(group.panier).to.include({
      PRODUITS_URL: 'http://127.0.0.1:9001',
      CLIENT_URL: 'http://127.0.0.1:9004',
    });
    expect(group.auth).to.include({ DEMO_DATA: 'true' });
  });

  it('runs one process per service with SERVICE_PROCESSES=separate, and refuses any other value', () => {
    const specs = childSpecs(config('separate'), config().services, dbUrls);
    expect(specs.map((s) => s.entry)).to.deep.equal(ALL);
    expect(specs.find((s) => s.name === 'stock')?.env).to.include({
      PORT: '9003',
      DATABASE_URL: dbUrls.stock,
    });
    expect(() => config('one')).to.throw(/SERVICE_PROCESSES.*must be one of \[shared, separate\]/);
  });

  it('says what is wrong with SERVICE_GROUP: not JSON, an unknown service, nothing in it', () => {
    expect(() => parseServiceGroup(undefined)).to.throw(/"SERVICE_GROUP" must be a JSON object/);
    expect(() => parseServiceGroup('{"stock":')).to.throw(/must be a JSON object/);
    expect(() => parseServiceGroup('{"orchestrateur":{}}')).to.throw(
      /SERVICE_GROUP: .*orchestrateur/,
    );
    expect(() => parseServiceGroup('{}')).to.throw(/SERVICE_GROUP: .*at least 1/);
    expect(() => parseServiceGroup('{"stock":{"PORT":9003}}')).to.throw(/must be a string/);
  });

  it('starts each service of a group on its own port and database; stops those started if one cannot start', async function () {
    this.timeout(30_000);
    const common = { HOST: '127.0.0.1', LOG_LEVEL: 'silent', AUTH_REQUIRED: 'false' };
    const [p1, p2] = [await freePort(), await freePort()];
    const produits = { PORT: String(p1), DATABASE_URL: await freshDatabaseUrl('host_produits') };
    const magasin = { PORT: String(p2), DATABASE_URL: await freshDatabaseUrl('host_magasin') };
    const running = await startGroup({ produits, magasin }, common);
    try {
      expect((await get(`http://127.0.0.1:${p1}/ready`)).body).to.include({ service: 'produits' });
      expect((await get(`http://127.0.0.1:${p2}/ready`)).body).to.include({ service: 'magasin' });
    } finally {
      await Promise.all(running.map((r) => r.close()));
    }
    const broken = { ...magasin, PORT: String(await freePort()), DATABASE_URL: 'not a url' };
    let failure: unknown;
    await startGroup({ produits, magasin: broken }, common).catch(
      (err: unknown) => (failure = err),
    );
    expect(String(failure)).to.match(/DATABASE_URL/);
    expect(await portOpen(p1), 'produits, started, is stopped again').to.equal(false);
  });
});
