/**
 * `npm run bench [-- --quick | --soak]` (see run.ts): checkouts per second, latency, CPU and SQL per saga
 * of the orchestrator against instant in-memory participants, next to the floor (a null
 * orchestrator making the same calls and persisting nothing); then the whole local system
 * (`npm start` topology, identity on) next to the orchestrator alone at the same levels.
 * Writes docs/benchmarks.md (and the system runs as docs/benchmarks-system.json) unless --quick.
 */
import { execSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { createDb } from '../src/lib/db.js';
import { startEmbeddedPostgres } from '../src/lib/embedded-postgres.js';
import {
  type ChildOrchestrateur,
  spawnNode,
  spawnOrchestrateur,
} from '../test/support/child-orchestrateur.js';
import { freePort } from '../test/support/postgres.js';
import { flag, quick, SECONDS, WARM_SECONDS } from './args.js';
import { drive, driveCounting, peakMemoryMiB, residentMiB } from './measure.js';
import { sectionIn, withSection } from './peers/section.js';
import { type Machine, renderReport, type Row } from './report.js';
import { CLIENTS, startStandIns } from './stand-ins.js';
import { benchSystem } from './system/index.js';
import { DEFAULT_SERVICE_PROCESSES } from '../src/system/config.js';
import { systemJson } from './system/report.js';

const soak = flag('--soak');
const SOAK_SECONDS = 300;
const LEVELS = [1, 16, 64, 256];

const say = (m: string): boolean => process.stderr.write(`[bench] ${m}\n`);
say('starting PostgreSQL');
const pg = await startEmbeddedPostgres({
  dataDir: await mkdtemp(path.join(tmpdir(), 'bench-pg-')),
  port: await freePort(),
  persistent: false,
  settings: { shared_preload_libraries: 'pg_stat_statements' },
});
await pg.ensureDatabase('bench');
const stats = createDb({ url: pg.urlFor('bench'), poolMax: 1, applicationName: 'bench-stats' });
await stats.raw('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');

say('starting participants, orchestrator and floor');
const { fake, urls } = await startStandIns();
const orch = await spawnOrchestrateur({
  ...urls,
  DATABASE_URL: pg.urlFor('bench'),
  LOG_LEVEL: 'info',
  AUTH_REQUIRED: 'false', // identity is not what this bench measures
});
const floor = await spawnNode(
  ['bench/null-orchestrateur.ts'],
  { ...urls, PORT: '0' },
  'null orchestrateur listening',
);

const counters = async (): Promise<{ statements: number; xacts: number }> => {
  const { rows } = await stats.raw<{ rows: { statements: number; xacts: number }[] }>(
    `SELECT (SELECT COALESCE(sum(calls), 0)::float8 FROM pg_stat_statements s
             JOIN pg_roles r ON r.oid = s.userid
             WHERE s.dbid = d.oid AND s.query NOT ILIKE '%pg_stat%') AS statements,
            (SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'bench')::float8 AS xacts
     FROM pg_database d WHERE d.datname = 'bench'`,
  );
  return rows[0] ?? { statements: 0, xacts: 0 };
};

const measure = (target: ChildOrchestrateur, level: number) =>
  driveCounting(target.url, target.proc.pid ?? 0, level, SECONDS, CLIENTS);

/** Concurrency 64 for five minutes: errors must stay 0 and memory flat. */
async function soakRun(): Promise<void> {
  const pid = orch.proc.pid ?? 0;
  const samples: number[] = [];
  const sampler = setInterval(() => void residentMiB(pid).then((m) => samples.push(m)), 10_000);
  const result = await drive(orch.url, 64, SOAK_SECONDS, CLIENTS);
  clearInterval(sampler);
  process.stdout.write(
    `soak c=64 ${SOAK_SECONDS}s: ${result.ok} sagas (${result.perSecond.toFixed(0)}/s), ` +
      `errors ${result.errors}, p99 ${result.p99.toFixed(0)} ms\n` +
      `orchestrator RSS every 10 s (MiB): ${samples.join(' ')}\n`,
  );
}

/** Orchestrator next to the floor at each concurrency, and the machine it ran on. */
async function compareRun(): Promise<{ rows: Row[]; machine: Machine }> {
  const rows: Row[] = [];
  say('warming up');
  await drive(floor.url, 16, 1, CLIENTS); // warm-up: JIT, sockets, pools
  await drive(orch.url, 16, 1, CLIENTS);
  for (const level of LEVELS) {
    const floorResult = await measure(floor, level);
    await stats.raw('SELECT pg_stat_statements_reset()');
    await stats.raw('SELECT pg_stat_reset()');
    const before = await counters();
    const orchResult = await measure(orch, level);
    await new Promise((r) => setTimeout(r, 600)); // stats collector catches up
    const after = await counters();
    const sagas = Math.max(1, orchResult.ok);
    rows.push({
      level,
      floor: floorResult,
      orch: {
        ...orchResult,
        statementsPerSaga: (after.statements - before.statements) / sagas,
        transactionsPerSaga: (after.xacts - before.xacts) / sagas,
      },
    });
    process.stdout.write(
      `c=${level}: orchestrator ${orchResult.perSecond.toFixed(0)}/s, floor ${floorResult.perSecond.toFixed(0)}/s\n`,
    );
  }
  // Read while the processes are still up: the whole-system bench runs after they stop.
  const machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    commit: execSync('git rev-parse --short HEAD').toString().trim(),
    seconds: SECONDS,
    warmSeconds: WARM_SECONDS,
    serviceProcesses: process.env.SERVICE_PROCESSES ?? DEFAULT_SERVICE_PROCESSES,
    peakOrchMiB: await peakMemoryMiB(orch.proc.pid ?? 0),
    peakFloorMiB: await peakMemoryMiB(floor.proc.pid ?? 0),
  };
  return { rows, machine };
}

let compared: Awaited<ReturnType<typeof compareRun>> | undefined;
try {
  if (soak) {
    await soakRun();
  } else {
    compared = await compareRun();
  }
} finally {
  orch.proc.kill('SIGTERM');
  floor.proc.kill('SIGTERM');
  await Promise.all([orch.exited, floor.exited]);
  await stats.destroy();
  await fake.stop();
  await pg.stop();
}

// After the comparison has stopped its processes, so the two do not share the machine.
if (compared) {
  const systemRuns = await benchSystem({
    levels: LEVELS,
    seconds: SECONDS,
    warmSeconds: WARM_SECONDS,
    say: (m) => process.stderr.write(`[bench system] ${m}\n`),
  });
  const report = renderReport(compared.rows, systemRuns, compared.machine);
  process.stdout.write(
    `\n${report.table}\n\nWhole local system next to the orchestrator alone:\n\n${report.systemTable}\n`,
  );
  if (!quick) {
    // The peers section (npm run bench -- --render) is kept as it was.
    const peers = sectionIn(await readFile('docs/benchmarks.md', 'utf8').catch(() => ''));
    const markdown = peers ? withSection(report.markdown, peers) : report.markdown;
    await writeFile('docs/benchmarks.md', markdown);
    await writeFile('docs/benchmarks-floor.svg', report.svg);
    const meta = { commit: compared.machine.commit, node: process.version, seconds: SECONDS };
    await writeFile('docs/benchmarks-system.json', systemJson(systemRuns, meta));
    process.stdout.write(
      'written: docs/benchmarks.md, docs/benchmarks-floor.svg, docs/benchmarks-system.json\n',
    );
  }
}
