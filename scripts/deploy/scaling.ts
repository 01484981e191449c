/**
 * 1, 2 and 3 orchestrator replicas on one PostgreSQL, under the same continuous checkouts:
 * CPU per saga (the replicas' and the database's, from their cgroups) and SQL per saga
 * (pg_stat_statements calls, pg_stat_database transactions) must not grow with the replicas.
 */
import { existsSync, readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { newLoad, sleep, waitHealthy } from './compose-phases.js';
import { type Compose, sh } from './docker.js';
import type { Shopper } from './load.js';
import type { StackEnv } from './stack-env.js';

const SECONDS = Number(process.env.DEPLOY_SCALING_SECONDS ?? 20);

/** CPU time (µs) a container has used: cgroup v1 or v2, as dockerd lays them out. */
export function cpuMicros(id: string): number {
  const full = sh('docker', ['inspect', '-f', '{{.Id}}', id]).out.trim();
  const v1 = [
    `/sys/fs/cgroup/cpuacct/docker/${full}/cpuacct.usage`,
    `/sys/fs/cgroup/cpu,cpuacct/docker/${full}/cpuacct.usage`,
  ];
  for (const f of v1) if (existsSync(f)) return Number(readFileSync(f, 'utf8')) / 1000;
  const v2 = [
    `/sys/fs/cgroup/system.slice/docker-${full}.scope/cpu.stat`,
    `/sys/fs/cgroup/docker/${full}/cpu.stat`,
  ];
  for (const f of v2) {
    if (existsSync(f)) return Number(/usage_usec (\d+)/.exec(readFileSync(f, 'utf8'))?.[1] ?? 0);
  }
  throw new Error(`no cgroup CPU counter for ${id}`);
}

const psql = (c: Compose, sql: string): string =>
  sh('docker', [
    'exec',
    c.ids('orchestrateur-db')[0] ?? '',
    'psql',
    '-U',
    'postgres',
    '-d',
    'orchestrateur',
    '-Atc',
    sql,
  ]).out.trim();

interface Row {
  replicas: number;
  sagas: number;
  sagasPerS: number;
  orchCpuMsPerSaga: number;
  dbCpuMsPerSaga: number;
  statementsPerSaga: number;
  xactsPerSaga: number;
  statementsPerS: number;
  dbCpuUsPerStatement: number;
}

async function measure(
  c: Compose,
  replicas: number,
  shoppers: Shopper[],
  env: StackEnv,
): Promise<Row> {
  c.run([
    'up',
    '-d',
    '--no-deps',
    '--scale',
    `orchestrateur-service=${replicas}`,
    'orchestrateur-service',
  ]);
  await waitHealthy(c, 120_000);
  const load = newLoad(env);
  load.start(shoppers);
  await sleep(5000); // warm-up: connections, JIT
  const orch = c.ids('orchestrateur-service');
  const db = c.ids('orchestrateur-db')[0] ?? '';
  psql(c, 'SELECT pg_stat_statements_reset(); SELECT pg_stat_reset();');
  const done0 = load.total;
  const cpu0 = orch.reduce((s, id) => s + cpuMicros(id), 0);
  const dbCpu0 = cpuMicros(db);
  const t0 = Date.now();
  await sleep(SECONDS * 1000);
  const seconds = (Date.now() - t0) / 1000;
  const sagas = load.total - done0;
  const cpu = orch.reduce((s, id) => s + cpuMicros(id), 0) - cpu0;
  const dbCpu = cpuMicros(db) - dbCpu0;
  const calls = Number(psql(c, 'SELECT coalesce(sum(calls), 0) FROM pg_stat_statements'));
  const xacts = Number(
    psql(
      c,
      "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'orchestrateur'",
    ),
  );
  const result = await load.stop();
  assert.deepEqual(result.failures, [], `failures at ${replicas} replicas`);
  assert.ok(sagas > 0, `no saga ended at ${replicas} replicas`);
  return {
    replicas,
    sagas,
    sagasPerS: sagas / seconds,
    orchCpuMsPerSaga: cpu / 1000 / sagas,
    dbCpuMsPerSaga: dbCpu / 1000 / sagas,
    statementsPerSaga: calls / sagas,
    xactsPerSaga: xacts / sagas,
    statementsPerS: calls / seconds,
    dbCpuUsPerStatement: dbCpu / calls,
  };
}

export async function measureScaling(
  c: Compose,
  env: StackEnv,
  shoppers: Shopper[],
): Promise<string[]> {
  psql(c, 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const rows: Row[] = [];
  for (const n of [1, 2, 3]) rows.push(await measure(c, n, shoppers, env));
  const f = (x: number, d = 1): string => x.toFixed(d);
  const lines = rows.map(
    (r) =>
      `${r.replicas} replica(s): ${r.sagas} sagas (${f(r.sagasPerS)}/s), orchestrator CPU ${f(r.orchCpuMsPerSaga, 2)} ms/saga, ` +
      `database CPU ${f(r.dbCpuMsPerSaga, 2)} ms/saga, ${f(r.statementsPerSaga)} statements/saga, ${f(r.xactsPerSaga)} transactions/saga, ` +
      `${f(r.statementsPerS)} statements/s, ${f(r.dbCpuUsPerStatement)} µs database CPU/statement`,
  );
  const one = rows[0] as Row;
  for (const r of rows.slice(1)) {
    // Generous bounds: the machine is shared; a claim storm or lease fight would be far above.
    assert.ok(
      r.statementsPerSaga <= one.statementsPerSaga * 1.5,
      `statements per saga grew: ${lines.join('\n')}`,
    );
    assert.ok(
      r.orchCpuMsPerSaga <= one.orchCpuMsPerSaga * 1.8,
      `CPU per saga grew: ${lines.join('\n')}`,
    );
  }
  const perStatement = rows.reduce((s, r) => s + r.dbCpuUsPerStatement, 0) / rows.length;
  lines.push(
    `one PostgreSQL core saturates near ${f(1e6 / perStatement, 0)} statements/s here ` +
      `(${f(perStatement)} µs of database CPU per statement) = ${f(1e6 / perStatement / one.statementsPerSaga, 0)} sagas/s per core`,
  );
  return lines;
}
