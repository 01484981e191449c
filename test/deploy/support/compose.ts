import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requireTool } from '../../support/tools.js';

export interface ComposeService {
  image?: string;
  build?: string | { context?: string; target?: string; dockerfile?: string };
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

export function run(
  cmd: string,
  args: readonly string[],
  input?: string,
  env?: NodeJS.ProcessEnv,
): RunResult {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input, timeout: 60_000, env });
  const missing = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', missing };
}

export const COMPOSE_BIN = process.env.DOCKER_COMPOSE ?? 'docker-compose';
export const hasCompose = (): boolean => !run(COMPOSE_BIN, ['version']).missing;

/** The service databases: each its own PostgreSQL, its own role named after it. */
export const DATABASES = [
  'orchestrateur',
  'produits',
  'magasin',
  'stock',
  'client',
  'panier',
  'ventes',
  'auth',
] as const;

/** The secret of a database's role, e.g. CLIENT_DB_PASSWORD. */
export const dbPasswordVar = (db: string): string => `${db.toUpperCase()}_DB_PASSWORD`;

/** The secrets docker-compose.yml requires (no default), as a deployment would set them. */
export const TEST_SECRETS: Readonly<Record<string, string>> = Object.freeze({
  SERVICE_TOKEN: 'compose-test-service-token-0123456789abcdef',
  POSTGRES_PASSWORD: 'compose-test-postgres',
  GRAFANA_ADMIN_PASSWORD: 'compose-test-grafana',
  OPERATOR_PASSWORD: 'compose-test-operator',
  AUTH_KEY_ENCRYPTION_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
  ...Object.fromEntries(DATABASES.map((db) => [dbPasswordVar(db), `compose-test-${db}-db`])),
});

/** Every variable the compose file reads; the tests set them, never the caller's shell. */
const COMPOSE_VARS =
  /^(SERVICE_TOKEN|POSTGRES_PASSWORD|\w+_DB_PASSWORD|OPERATOR_\w+|GRAFANA_\w+|PROMETHEUS_\w+|GATEWAY_\w+|FRONTEND_\w+|DEMO_FAULTS|DEMO_DATA|LOG_LEVEL|SAGA_BUDGET_MS|AUTH_\w+|OTEL_\w+|JAEGER_\w+|TRACE_UI_URL)$/;

let emptyEnvFile: string | undefined;
/** docker-compose 1.29 wants a regular file for --env-file. */
function noEnvFile(): string {
  if (emptyEnvFile === undefined) {
    emptyEnvFile = path.join(mkdtempSync(path.join(tmpdir(), 'saga-compose-')), 'empty.env');
    writeFileSync(emptyEnvFile, '');
  }
  return emptyEnvFile;
}

/**
 * `docker-compose <args>` with exactly `vars` as the deployment's settings: the shell's own
 * values of the compose variables and any .env file are left out.
 */
export function compose(
  args: readonly string[],
  vars: Readonly<Record<string, string>> = TEST_SECRETS,
): RunResult {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !COMPOSE_VARS.test(k)),
  );
  return run(COMPOSE_BIN, ['--env-file', noEnvFile(), ...args], undefined, { ...env, ...vars });
}

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
export function resolvedCompose(vars?: Readonly<Record<string, string>>): ComposeFile {
  const r = compose(['config'], vars);
  if (r.status !== 0) throw new Error(`docker-compose config failed:\n${r.stderr}`);
  return parseYaml(r.stdout) as ComposeFile;
}

export const networksOf = (s: ComposeService): string[] =>
  Array.isArray(s.networks) ? s.networks : Object.keys(s.networks ?? {});

export const dependsOf = (s: ComposeService): Record<string, { condition?: string }> =>
  Array.isArray(s.depends_on)
    ? Object.fromEntries(s.depends_on.map((d) => [d, {}]))
    : (s.depends_on ?? {});

/** The trace store's container: OTLP http on 4318 (backend), its UI and query API on 16686. */
export const TRACE_STORE = 'jaeger';

/** The image every service runs from (the frontend is its other target). */
export const APP_IMAGE = 'orchestrateur-saga:local';

/** A job that runs once and exits (the demo seed), as opposed to a long-running service. */
export const isOneOff = (s: ComposeService): boolean => s.restart === 'no';

export interface ComposeView {
  resolved: ComposeFile;
  /** The long-running containers of the app image (not the one-off demo seed). */
  apps: [string, ComposeService][];
}

/**
 * Registers a mocha `before` that resolves docker-compose.yml (with TEST_SECRETS), or skips
 * the suite when docker-compose or python3-yaml is missing. Call the result inside tests.
 */
export function useResolvedCompose(): () => ComposeView {
  let view: ComposeView | undefined;
  before(function () {
    requireTool(this, hasCompose() && hasYaml(), `${COMPOSE_BIN} and python3-yaml are needed`);
    const resolved = resolvedCompose();
    const apps = Object.entries(resolved.services).filter(
      ([, s]) => s.image === APP_IMAGE && !isOneOff(s),
    );
    view = { resolved, apps };
  });
  return () => {
    if (view === undefined) throw new Error('the compose file was not resolved');
    return view;
  };
}
