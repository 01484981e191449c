import { expect } from 'chai';
import express from 'express';
import { createDb } from '../../src/lib/db.js';
import { errorHandler, listen, type RunningServer } from '../../src/lib/http.js';
import { createLogger } from '../../src/lib/logger.js';
import { call } from '../support/orchestrateur.js';
import { freePort } from '../support/postgres.js';

describe('a request when the database cannot be reached', () => {
  let server: RunningServer;

  before(async () => {
    const closed = createDb({
      url: `postgres://x:y@127.0.0.1:${await freePort()}/none`,
      poolMax: 1,
      applicationName: 't',
    });
    const app = express();
    app.get('/refused', async (_req, res) => {
      res.json(await closed.raw('SELECT 1'));
    });
    app.use(errorHandler(createLogger('t', 'silent', 'json')));
    server = await listen(app, '127.0.0.1', 0);
  });
  after(async () => {
    await server.close();
  });

  it('answers 503 with Retry-After, not 500: the caller may try again', async () => {
    const res = await call(server.url, 'GET', '/refused');
    expect(res.status, res.text).to.equal(503);
    expect(res.headers['retry-after']).to.equal('1');
    expect((res.body as { error: { code: string } }).error.code).to.equal('BASE_INDISPONIBLE');
  });
});
