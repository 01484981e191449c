import { existsSync } from 'node:fs';
import { call } from '../../support/orchestrateur.js';
import { spawnTool } from './child-process.js';
import { freePort } from '../../support/postgres.js';

export const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
export const PROMTOOL_BIN = process.env.PROMTOOL_BIN ?? '/usr/bin/promtool';
export const hasPrometheus = (): boolean => existsSync(PROMETHEUS_BIN);
export const hasPromtool = (): boolean => existsSync(PROMTOOL_BIN);

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a value other than undefined, or throws on timeout. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(200);
  }
}

export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
}

/** Runs the real Prometheus binary on 127.0.0.1 and a free port until stop(). */
export async function startPrometheus(
  configFile: string,
  dataDir: string,
): Promise<RunningPrometheus> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const tool = spawnTool(PROMETHEUS_BIN, [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${dataDir}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ]);
  try {
    await waitFor('Prometheus to be ready', async () => {
      if (tool.child.exitCode !== null) throw new Error(`prometheus exited: ${tool.output()}`);
      return (await call(url, 'GET', '/-/ready')).status === 200 ? true : undefined;
    });
  } catch (err) {
    await tool.stop();
    throw new Error(`Prometheus did not start: ${String(err)}\n${tool.output()}`);
  }
  return { url, stop: tool.stop };
}

export interface QueryResult {
  error?: string;
  /** Number of series in an instant-vector answer (1 for a scalar). */
  series: number;
}

/** One instant query through the HTTP API, as Grafana would send it. */
export async function instantQuery(url: string, expr: string): Promise<QueryResult> {
  const res = await call(url, 'GET', `/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = res.body as
    { status: string; error?: string; data?: { resultType: string; result: unknown } } | undefined;
  if (res.status !== 200 || body?.status !== 'success') {
    return { error: body?.error ?? `HTTP ${res.status} ${res.text}`, series: 0 };
  }
  const result = body.data?.result;
  return { series: Array.isArray(result) ? result.length : result === undefined ? 0 : 1 };
}

export interface Target {
  labels: Record<string, string>;
  health: string;
  lastError: string;
}

export async function activeTargets(url: string): Promise<Target[]> {
  const res = await call(url, 'GET', '/api/v1/targets?state=active');
  return (res.body as { data: { activeTargets: Target[] } }).data.activeTargets;
}

export interface RuleState {
  name: string;
  health: string;
  lastError?: string;
}

export async function ruleStates(url: string): Promise<RuleState[]> {
  const res = await call(url, 'GET', '/api/v1/rules');
  const groups = (res.body as { data: { groups: { rules: RuleState[] }[] } }).data.groups;
  return groups.flatMap((g) => g.rules);
}
