import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import Joi from 'joi';
import nock from 'nock';
import { ServiceHttp } from '../../src/orchestrateur/clients/service-http.js';

/** A service whose answers wait for `release()`, counting the connections it accepted. */
async function countingService() {
  let connections = 0;
  const waiting: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    waiting.push(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/x`,
    connections: () => connections,
    waiting: () => waiting.length,
    release: () => waiting.splice(0).forEach((answer) => answer()),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe('ServiceHttp connections to a service', () => {
  // nock's interception (test/global-setup.ts) makes its own sockets, never the agent's.
  before(() => nock.restore());
  after(() => nock.activate());

  it('keeps every connection a burst opened, so the next burst opens none (no churn)', async () => {
    const service = await countingService();
    const client = new ServiceHttp({ timeoutMs: 5_000, maxSockets: 128 });
    const wave = async (n: number): Promise<void> => {
      const calls = Array.from({ length: n }, () =>
        client.call(
          { method: 'GET', url: service.url, signal: new AbortController().signal, refusals: [] },
          Joi.object(),
          [200],
        ),
      );
      while (service.waiting() < n) await new Promise((r) => setTimeout(r, 5));
      service.release();
      await Promise.all(calls);
      await new Promise((r) => setTimeout(r, 20)); // the sockets go back to the agent
    };
    try {
      await wave(48); // more at once than the 32 free sockets the agent used to keep
      expect(service.connections()).to.equal(48);
      await wave(48);
      expect(service.connections(), "the second burst reuses the first one's").to.equal(48);
    } finally {
      await service.close();
    }
  });
});
