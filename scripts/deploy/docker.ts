/**
 * The Docker side of the deployment tests: the daemon (started only when none runs, and then
 * stopped at the end), commands with their output, docker-compose on the project's file.
 */
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Ran {
  status: number;
  out: string;
  err: string;
}

/** Runs a command to its end; throws with its output unless `allowFail`. */
export function sh(
  cmd: string,
  args: readonly string[],
  opts: { allowFail?: boolean; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {},
): Ran {
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: opts.env ?? process.env,
    input: opts.input,
    maxBuffer: 64 * 1024 * 1024,
    timeout: opts.timeoutMs ?? 15 * 60_000,
  });
  const ran = {
    status: r.status ?? -1,
    out: r.stdout ?? '',
    err: r.stderr ?? String(r.error ?? ''),
  };
  if (ran.status !== 0 && !opts.allowFail) {
    throw new Error(
      `${cmd} ${args.join(' ')} exited ${ran.status}\n${ran.out.slice(-3000)}\n${ran.err.slice(-3000)}`,
    );
  }
  return ran;
}

/**
 * The same without blocking: for commands run while the load is on (a spawnSync would
 * stall every request of the load in this process for as long as the command takes).
 */
export function shAsync(cmd: string, args: readonly string[]): Promise<Ran> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (err, out, errOut) => {
      const ran = { status: err ? Number(err.code ?? 1) : 0, out, err: errOut };
      if (err) reject(new Error(`${cmd} ${args.join(' ')} failed: ${errOut || err.message}`));
      else resolve(ran);
    });
  });
}

/** Runs a command with its output shown as it goes (long builds). */
export function shLive(cmd: string, args: readonly string[], env?: NodeJS.ProcessEnv): void {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: env ?? process.env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
}

let ownDaemon: ChildProcess | undefined;

/** A running dockerd: the one already there, or one started here (logged to a file). */
export async function ensureDockerd(logFile: string): Promise<void> {
  if (sh('docker', ['info'], { allowFail: true }).status === 0) return;
  console.log(`  no Docker daemon answers: starting dockerd (log: ${logFile})`);
  const log = openSync(logFile, 'a');
  ownDaemon = spawn('dockerd', [], { stdio: ['ignore', log, log], detached: true });
  for (let i = 0; i < 60; i += 1) {
    await new Promise((r) => setTimeout(r, 1000));
    if (sh('docker', ['info'], { allowFail: true }).status === 0) return;
  }
  throw new Error(`dockerd did not come up, see ${logFile}`);
}

/** Stops the daemon if this run started it (never one that was already running). */
export async function stopOwnDockerd(): Promise<void> {
  const daemon = ownDaemon;
  if (!daemon?.pid) return;
  process.kill(daemon.pid, 'SIGTERM');
  await new Promise((r) => daemon.once('exit', r));
  ownDaemon = undefined;
}

/** One docker-compose project: the repository's file (+ overrides), an env file, a name. */
export class Compose {
  constructor(
    readonly project: string,
    private readonly files: readonly string[],
    private readonly envFile: string,
  ) {}

  private args(rest: readonly string[]): string[] {
    const files = this.files.flatMap((f) => ['-f', f]);
    return ['-p', this.project, '--env-file', this.envFile, ...files, ...rest];
  }

  run(args: readonly string[], opts: { allowFail?: boolean } = {}): Ran {
    return sh('docker-compose', this.args(args), { ...opts, env: legacyBuild() });
  }

  live(args: readonly string[]): void {
    shLive('docker-compose', this.args(args), legacyBuild());
  }

  /** The container ids of a service (all replicas). */
  ids(service: string): string[] {
    return this.run(['ps', '-q', service]).out.split('\n').filter(Boolean);
  }
}

/**
 * The classic builder: BuildKit would fetch the Dockerfile's `# syntax=` frontend from a
 * registry, which this machine cannot reach.
 */
export const legacyBuild = (): NodeJS.ProcessEnv => ({
  ...process.env,
  DOCKER_BUILDKIT: '0',
  COMPOSE_DOCKER_CLI_BUILD: '0',
});

/** A container's address on a network whose name ends with `network`. */
export function addressOf(container: string, network: string): string {
  const json = sh('docker', ['inspect', '-f', '{{json .NetworkSettings.Networks}}', container]).out;
  const nets = JSON.parse(json) as Record<string, { IPAddress: string }>;
  const found = Object.entries(nets).find(([name]) => name.endsWith(network));
  if (!found?.[1].IPAddress) throw new Error(`${container} has no address on ${network}`);
  return found[1].IPAddress;
}

export const health = (container: string): string =>
  sh(
    'docker',
    [
      'inspect',
      '-f',
      '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}',
      container,
    ],
    { allowFail: true },
  ).out.trim();

/** The last healthcheck's output (what a failing service says about itself). */
export const healthOutput = (container: string): string =>
  sh('docker', ['inspect', '-f', '{{range .State.Health.Log}}{{.Output}}{{end}}', container], {
    allowFail: true,
  }).out.trim();
