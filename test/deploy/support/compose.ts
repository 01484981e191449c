import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  container_name?: string;
  environment?: Record<string, string | null>;
  ports?: unknown[];
  networks?: Record<string, unknown> | string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string[] | string; disable?: boolean };
  restart?: string;
  volumes?: (string | { type?: string; source?: string; target?: string })[];
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  networks?: Record<string, unknown>;
  volumes?: Record<string, unknown>;
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
  missing: boolean;
}

export function run(cmd: string, args: readonly string[], input?: string): RunResult {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input, timeout: 60_000 });
  const missing = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', missing };
}

export const COMPOSE_BIN = process.env.DOCKER_COMPOSE ?? 'docker-compose';
export const hasCompose = (): boolean => !run(COMPOSE_BIN, ['version']).missing;

/**
 * YAML to plain data through python3-yaml, which the Debian docker-compose package depends
 * on (the repo has no YAML parser of its own). undefined when python3-yaml is not there.
 */
export function parseYaml(text: string): unknown {
  const r = run(
    'python3',
    ['-c', 'import json,sys,yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'],
    text,
  );
  if (r.missing || r.status !== 0) return undefined;
  return JSON.parse(r.stdout) as unknown;
}

export const hasYaml = (): boolean => parseYaml('a: 1') !== undefined;

export const readYaml = (file: string): unknown => parseYaml(readFileSync(file, 'utf8'));

/** The compose file after `docker-compose config` resolved anchors, merges and defaults. */
export function resolvedCompose(): ComposeFile {
  const r = run(COMPOSE_BIN, ['config']);
  if (r.status !== 0) throw new Error(`docker-compose config failed:\n${r.stderr}`);
  return parseYaml(r.stdout) as ComposeFile;
}

export const networksOf = (s: ComposeService): string[] =>
  Array.isArray(s.networks) ? s.networks : Object.keys(s.networks ?? {});

export const dependsOf = (s: ComposeService): Record<string, { condition?: string }> =>
  Array.isArray(s.depends_on)
    ? Object.fromEntries(s.depends_on.map((d) => [d, {}]))
    : (s.depends_on ?? {});
