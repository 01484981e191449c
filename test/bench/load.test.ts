import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { driveLoad } from '../../bench/load.js';

/** The first four checkouts wait 1 s (a level's start, one per connection); the others 5 ms. */
function slowStart(): Promise<{ url: string; close: () => Promise<void> }> {
  let received = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    received += 1;
    const wait = received <= 4 ? 1000 : 5;
    setTimeout(() => res.writeHead(201).end('{}'), wait);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}

describe('the bench load (bench/load.ts)', () => {
  it('counts the checkouts sent after the ramp, not those sent during it that end after it', async () => {
    const server = await slowStart();
    try {
      const r = await driveLoad({
        url: server.url,
        connections: 4,
        rampSeconds: 0.5,
        seconds: 1.5,
        next: () => ({ body: '{}' }),
      });
      // The four first checkouts (sent at 0, answered at 1 s, inside the window) are left out.
      expect(r.p99, 'p99 of the counted checkouts').to.be.below(500);
      expect(r.firstMax, 'the slow start is still reported').to.be.at.least(900);
      expect(r.ok).to.be.above(0);
      expect(r.errors).to.equal(0);
    } finally {
      await server.close();
    }
  });
});
