import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import nock from 'nock';
import { startStock } from '../../src/services/stock/app.js';
import { loadStockConfig } from '../../src/services/stock/config.js';
import { call } from '../support/orchestrateur.js';
import { freePort, freshDatabaseUrl } from '../support/postgres.js';
import { startTestDns, type TestDns } from './support/dns.js';
import { requireNginx, rewrite, type RunningNginx, startNginx } from './support/nginx.js';

const CONF = readFileSync('deploy/nginx/stock-lb.swarm.conf', 'utf8');

/**
 * The Swarm balancer (deploy/nginx/stock-lb.swarm.conf) on Debian's nginx, in front of two
 * real stock instances on 127.0.0.1 and 127.0.0.2 (one port), with a test DNS server in the
 * part of Docker's: in Swarm a stock task may have no address yet, or a new one, and the
 * compose config's `upstream` block made nginx refuse to start then (found by the Swarm run).
 */
describe('deploy/nginx/stock-lb.swarm.conf (names resolved per request)', () => {
  type Stock = Awaited<ReturnType<typeof startStock>>;
  let stocks: Stock[] = [];
  let nginx: RunningNginx | undefined;
  let dns: TestDns;

  before(async function () {
    requireNginx(this);
    // The second instance is on 127.0.0.2: let the test's own calls reach it.
    nock.enableNetConnect(/^(127\.0\.0\.[12]|localhost)(:\d+)?$/);
    const port = await freePort();
    const base = {
      PORT: String(port),
      DATABASE_URL: await freshDatabaseUrl('deploy_lb_swarm'),
      DB_POOL_MAX: '3',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      AUTH_REQUIRED: 'false',
    };
    stocks = [await startStock(loadStockConfig({ ...base, HOST: '127.0.0.1' }))];
    stocks.push(await startStock(loadStockConfig({ ...base, HOST: '127.0.0.2' })));
    // stock-service-2 has no address yet, as a task still being scheduled.
    dns = await startTestDns({ 'stock-service-1': '127.0.0.1' });
    const lbPort = await freePort();
    const conf = rewrite(CONF, [
      [
        'resolver 127.0.0.11 valid=5s ipv6=off;',
        `resolver 127.0.0.1:${dns.port} valid=1s ipv6=off;`,
      ],
      ['listen 8003;', `listen 127.0.0.1:${lbPort};`],
      ['proxy_pass http://$stock_first:8003;', `proxy_pass http://$stock_first:${port};`],
      ['proxy_pass http://$stock_other:8003;', `proxy_pass http://$stock_other:${port};`],
    ]);
    nginx = await startNginx(conf, lbPort);
  });

  after(async () => {
    await nginx?.stop();
    await dns?.close();
    await Promise.allSettled(stocks.map((s) => s.close()));
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  });

  async function served(s: Stock): Promise<number> {
    const res = await call(s.url, 'GET', '/metrics');
    return res.text
      .split('\n')
      .filter((l) => l.startsWith('http_request_duration_seconds_count{'))
      .filter((l) => l.includes('/api/stock/magasins'))
      .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
  }

  const twenty = async (): Promise<number[]> => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      statuses.push((await call(nginx?.url ?? '', 'GET', '/api/stock/magasins/1')).status);
    }
    return statuses;
  };

  it('starts while one stock name has no address, and answers every call', async () => {
    expect(await twenty()).to.deep.equal(Array(20).fill(200));
    expect(await served(stocks[1] as Stock)).to.equal(0);
  });

  it('sends calls to an instance once its name resolves, without a reload', async () => {
    dns.records.set('stock-service-2', '127.0.0.2');
    await new Promise((r) => setTimeout(r, 1500)); // the resolver's 1 s validity
    const before = await served(stocks[1] as Stock);
    expect(await twenty()).to.deep.equal(Array(20).fill(200));
    expect((await served(stocks[1] as Stock)) - before).to.be.greaterThan(0);
  });

  it('keeps answering through the other instance when one is down', async () => {
    await stocks[0]?.close();
    expect(await twenty()).to.deep.equal(Array(20).fill(200));
  });
});
