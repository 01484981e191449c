import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import newman, { type NewmanRunOptions, type NewmanRunSummary } from 'newman';

const collection = JSON.parse(
  readFileSync(new URL('../../postman/saga.postman_collection.json', import.meta.url), 'utf8'),
) as { event: unknown[] };

/** The collection's own collection-level scripts around one request of ours. */
function runOne(url: string, headers: { key: string; value: string }[]): Promise<NewmanRunSummary> {
  const mini = {
    info: {
      name: 'retry-after',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    event: collection.event,
    item: [
      {
        name: 'checkout',
        request: { method: 'POST', url, header: headers, body: { mode: 'raw', raw: '{}' } },
        event: [
          {
            listen: 'test',
            script: { exec: ["pm.test('status 201', () => pm.response.to.have.status(201));"] },
          },
        ],
      },
    ],
  };
  return new Promise((resolve, reject) =>
    newman.run({ collection: mini as NewmanRunOptions['collection'], reporters: [] }, (err, s) =>
      err ? reject(err) : resolve(s),
    ),
  );
}

describe('Postman collection and Retry-After', () => {
  let server: http.Server;
  let url: string;
  let answers: number[];
  let seen: number;
  before(async () => {
    server = http.createServer((_req, res) => {
      seen += 1;
      const status = answers.shift() ?? 201;
      if (status === 503) res.setHeader('Retry-After', '1');
      res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/commande/checkout`;
  });
  after(() => server.close());
  beforeEach(() => {
    seen = 0;
  });

  it('sends a checkout with an Idempotency-Key again after Retry-After, and the repeat passes', async () => {
    answers = [503, 201];
    const started = Date.now();
    const summary = await runOne(url, [{ key: 'Idempotency-Key', value: 'k1' }]);
    expect(seen).to.equal(2);
    expect(Date.now() - started).to.be.at.least(900);
    const last = summary.run.executions.at(-1);
    expect(last?.response.code).to.equal(201);
    expect(last?.assertions?.every((a) => a.error === undefined)).to.equal(true);
  });

  it('never sends again a command without an Idempotency-Key', async () => {
    answers = [503];
    await runOne(url, []);
    expect(seen).to.equal(1);
  });
});
