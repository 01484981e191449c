import { expect } from 'chai';
import express from 'express';
import { AppError } from '../../src/lib/errors.js';
import { errorHandler, listen, type RunningServer } from '../../src/lib/http.js';
import type { Logger } from '../../src/lib/logger.js';
import { call } from '../support/orchestrateur.js';

type Line = { level: 'warn' | 'error'; message: string; meta: Record<string, unknown> };

describe('what the error middleware logs', () => {
  let server: RunningServer;
  const lines: Line[] = [];
  const logger = {
    warn: (message: string, meta: Record<string, unknown>) =>
      lines.push({ level: 'warn', message, meta }),
    error: (message: string, meta: Record<string, unknown>) =>
      lines.push({ level: 'error', message, meta }),
  } as unknown as Logger;

  before(async () => {
    const app = express();
    app.get('/overloaded', () => {
      throw new AppError('SURCHARGE', 'Too many checkouts in progress; retry shortly', 503);
    });
    app.get('/keys-away', () => {
      const cause = new Error('connect ECONNREFUSED 127.0.0.1:1');
      throw new AppError('AUTH_INDISPONIBLE', 'The keys are unavailable', 503, { cause });
    });
    app.get('/bad-gateway', () => {
      throw new AppError('SERVICE_INDISPONIBLE', 'A service failed', 502);
    });
    app.use(errorHandler(logger));
    server = await listen(app, '127.0.0.1', 0);
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    lines.length = 0;
  });

  it('a 503 refusal (overload): one warn line, no stack, and Retry-After', async () => {
    const res = await call(server.url, 'GET', '/overloaded');
    expect(res.status).to.equal(503);
    expect(res.headers['retry-after']).to.equal('1');
    expect(lines).to.deep.equal([
      {
        level: 'warn',
        message: 'Too many checkouts in progress; retry shortly',
        meta: { code: 'SURCHARGE', cause: undefined },
      },
    ]);
  });

  it("a 503 for a dependency away names the cause's message", async () => {
    await call(server.url, 'GET', '/keys-away');
    expect(lines.map((l) => [l.level, l.meta.cause])).to.deep.equal([
      ['warn', 'connect ECONNREFUSED 127.0.0.1:1'],
    ]);
  });

  it('any other 5xx stays an error, with the error itself', async () => {
    const res = await call(server.url, 'GET', '/bad-gateway');
    expect(res.status).to.equal(502);
    expect(lines).to.have.length(1);
    expect(lines[0]?.level).to.equal('error');
    expect(lines[0]?.meta.err).to.be.instanceOf(AppError);
  });
});
