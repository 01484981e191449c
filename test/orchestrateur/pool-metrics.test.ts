import { expect } from 'chai';
import { call, startTestOrchestrateur } from '../support/orchestrateur.js';

/** `db_pool_max_connections{pool="x"}` from the orchestrator's /metrics. */
async function poolSizes(base: string): Promise<Record<string, number>> {
  const text = (await call(base, 'GET', '/metrics')).text;
  const sizes: Record<string, number> = {};
  for (const m of text.matchAll(/^db_pool_max_connections\{([^}]*)\} (\d+)$/gm)) {
    const pool = /pool="([^"]+)"/.exec(m[1] ?? '')?.[1] ?? '';
    sizes[pool] = Number(m[2]);
  }
  return sizes;
}

describe('GET /metrics — the database connections one orchestrator may open', () => {
  for (const [dbPoolMax, asyncCommit] of [
    ['10', 5],
    ['3', 2],
    ['1', 2],
  ] as const) {
    it(`with DB_POOL_MAX=${dbPoolMax}, shows both pools: main ${dbPoolMax}, async_commit ${asyncCommit}`, async () => {
      const orch = await startTestOrchestrateur({ DB_POOL_MAX: dbPoolMax });
      try {
        expect(await poolSizes(orch.url)).to.deep.equal({
          main: Number(dbPoolMax),
          async_commit: asyncCommit,
        });
      } finally {
        await orch.stop();
      }
    });
  }
});
