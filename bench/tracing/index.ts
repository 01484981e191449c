/**
 * `npm run bench -- --tracing [--quick] [--passes N] [--json FILE] [--cpu-prof DIR]
 * [--baseline DIR] [--ratio R]`: what tracing costs the orchestrator, set up as the floor
 * bench's (the in-memory participants, embedded PostgreSQL, identity off) at concurrency 1
 * and 64: `off`, no OTLP endpoint (the default); `on`, every saga traced (the default
 * sampler, no parent: 100 %; R of them with `--ratio R`) and exported to a sink on 127.0.0.1
 * that counts what it receives. Each mode is its own process and database; all run side by
 * side, measured in turn, every other pass in reverse order. `--baseline DIR` adds
 * `baseline`: the orchestrator of another checkout (e.g. the commit before tracing,
 * `git archive c32244c^ | tar -x -C DIR`, with DIR/node_modules linked to this one's).
 * `--cpu-prof DIR`: each orchestrator writes a CPU profile there when it stops.
 */
import { execSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { option, quick, SECONDS } from '../args.js';
import { startEmbeddedPostgres } from '../../src/lib/embedded-postgres.js';
import { type ChildOrchestrateur, spawnNode } from '../../test/support/child-orchestrateur.js';
import { freePort } from '../../test/support/postgres.js';
import { drive, driveCounting } from '../measure.js';
import { CLIENTS, startStandIns } from '../stand-ins.js';
import { type OtlpSink, startOtlpSink } from './otlp-sink.js';
import {
  spansByName,
  type TracingMeta,
  type TracingMode,
  type TracingRun,
  tracingTable,
} from './report.js';

const PASSES = Number(option('--passes') ?? (quick ? 1 : 2));
const JSON_FILE = option('--json');
const PROFILE_DIR = option('--cpu-prof');
const BASELINE = option('--baseline');
const RATIO = option('--ratio');
/** `--ratio R`: on samples that share of the sagas (the compose deployment's sampler). */
const SAMPLING: Record<string, string> = RATIO
  ? { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: RATIO }
  : {};
const LEVELS = [1, 64];
/** The span processor exports every second: a run's last spans reach the sink within this. */
const SETTLE_MS = 2000;
if (!Number.isInteger(PASSES) || PASSES < 1) throw new Error('--passes: a positive integer');

const t0 = Date.now();
const say = (m: string): boolean =>
  process.stderr.write(`[bench tracing ${((Date.now() - t0) / 1000).toFixed(0)}s] ${m}\n`);

interface Target {
  mode: TracingMode;
  orch: ChildOrchestrateur;
}

/** The orchestrator in one mode, on a database of its own. */
async function startTarget(
  mode: TracingMode,
  env: Record<string, string>,
  sink: OtlpSink,
): Promise<Target> {
  const root = mode === 'baseline' && BASELINE ? path.resolve(BASELINE) : '.';
  const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(PROFILE_DIR)}`] : [];
  const orch = await spawnNode(
    [...profile, path.join(root, 'src/main.ts'), 'orchestrateur'],
    mode === 'on' ? { ...env, ...SAMPLING, OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint } : env,
    'orchestrateur listening',
  );
  say(`${mode}: orchestrator pid ${orch.proc.pid ?? '?'} (${root})`);
  return { mode, orch };
}

/** One measurement: the load, then the sink's count once the last spans have been exported. */
async function measure(
  t: Target,
  level: number,
  pass: number,
  sink: OtlpSink,
): Promise<TracingRun> {
  const r = await driveCounting(t.orch.url, t.orch.proc.pid ?? 0, level, SECONDS, CLIENTS);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const received = sink.take();
  const run: TracingRun = { ...r, mode: t.mode, pass, received };
  say(
    `pass ${pass} c=${level} ${t.mode}: ${r.perSecond.toFixed(0)}/s, p50 ${r.p50.toFixed(1)} ms, ` +
      `p99 ${r.p99.toFixed(1)} ms, CPU ${r.cpuPer1000.toFixed(2)} s/1000, errors ${r.errors}, ` +
      `spans ${received.spans} in ${received.requests} exports`,
  );
  return run;
}

async function sweep(targets: Target[], sink: OtlpSink): Promise<TracingRun[]> {
  for (const t of targets) await drive(t.orch.url, 16, 2, CLIENTS); // JIT, pools, sockets
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  sink.take(); // the warm-up's spans
  const runs: TracingRun[] = [];
  for (let pass = 1; pass <= PASSES; pass += 1) {
    for (const level of LEVELS) {
      for (const t of pass % 2 === 1 ? targets : [...targets].reverse()) {
        runs.push(await measure(t, level, pass, sink));
      }
    }
  }
  return runs;
}

/** What the export weighs on the wire (OTLP protobuf, uncompressed). */
function wireSize(runs: readonly TracingRun[]): string {
  const spans = runs.reduce((n, r) => n + r.received.spans, 0);
  const bytes = runs.reduce((n, r) => n + r.received.bytes, 0);
  return `received ${spans} spans, ${(bytes / Math.max(1, spans)).toFixed(0)} bytes each on the wire`;
}

function metaOf(load0: number): TracingMeta {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    commit: execSync('git rev-parse --short HEAD').toString().trim(),
    seconds: SECONDS,
    passes: PASSES,
    date: new Date().toISOString(),
    load: [load0, loadavg()[0] ?? 0],
  };
}

async function main(): Promise<void> {
  const load0 = loadavg()[0] ?? 0;
  say('starting PostgreSQL, the participants and the OTLP sink');
  const pg = await startEmbeddedPostgres({
    dataDir: await mkdtemp(path.join(tmpdir(), 'bench-pg-')),
    port: await freePort(),
    persistent: false,
  });
  const { fake, urls } = await startStandIns();
  const sink = await startOtlpSink();
  const targets: Target[] = [];
  try {
    for (const mode of [...(BASELINE ? ['baseline' as const] : []), 'off', 'on'] as const) {
      await pg.ensureDatabase(`bench_${mode}`);
      const env = { ...urls, DATABASE_URL: pg.urlFor(`bench_${mode}`), LOG_LEVEL: 'info' };
      targets.push(await startTarget(mode, env, sink));
    }
    const runs = await sweep(targets, sink);
    const meta = metaOf(load0);
    process.stdout.write(
      `\n${tracingTable(runs)}\n\nspans per saga: ${spansByName(runs)}\n${wireSize(runs)}\n` +
        `load average (1 min) ${meta.load[0].toFixed(2)} before, ${meta.load[1].toFixed(2)} after\n`,
    );
    if (JSON_FILE) await writeFile(JSON_FILE, `${JSON.stringify({ meta, runs }, null, 2)}\n`);
  } finally {
    for (const t of targets) t.orch.proc.kill('SIGTERM');
    await Promise.all(targets.map((t) => t.orch.exited));
    await sink.close();
    await fake.stop();
    await pg.stop();
  }
}

await main();
