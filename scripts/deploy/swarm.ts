/**
 * The Swarm stack (deploy/swarm/stack.yml) on a one-node swarm: it converges without a
 * crash loop, a rolling update of the orchestrator under continuous checkouts fails none,
 * a killed task is replaced and its sagas recovered, and the books balance.
 */
import assert from 'node:assert/strict';
import knex, { type Knex } from 'knex';
import { busyOrchestrator, type Reach } from './books.js';
import { checkTheBooks, baselineOf, newLoad, prepareLoad, sleep } from './compose-phases.js';
import { sh, shAsync } from './docker.js';
import type { Shopper } from './load.js';
import { DBS, freePort, type StackEnv } from './stack-env.js';

export const STACK = 'sagaswarm';
const svc = (name: string): string => `${STACK}_${name}`;
const sleepS = (s: number) => sleep(s * 1000);

/** A swarm to deploy on: the one this node is in, or a new one (left again at the end). */
export function ensureSwarm(): boolean {
  const state = sh('docker', ['info', '-f', '{{.Swarm.LocalNodeState}}']).out.trim();
  if (state === 'active') return false;
  // Loopback first (one node, nothing to reach from outside); else the host's first address.
  const init = sh('docker', ['swarm', 'init', '--advertise-addr', '127.0.0.1'], {
    allowFail: true,
  });
  if (init.status !== 0) {
    const [address = ''] = sh('hostname', ['-I']).out.trim().split(/\s+/);
    sh('docker', ['swarm', 'init', '--advertise-addr', address]);
  }
  return true;
}

export function deployStack(env: StackEnv): void {
  sh(
    'docker',
    ['stack', 'deploy', '--resolve-image', 'never', '-c', 'deploy/swarm/stack.yml', STACK],
    {
      env: { ...process.env, ...env.vars },
    },
  );
}

interface ServiceState {
  name: string;
  replicas: string;
  tasks: number;
}

function services(): ServiceState[] {
  const lines = sh('docker', [
    'service',
    'ls',
    '--filter',
    `label=com.docker.stack.namespace=${STACK}`,
    '--format',
    '{{.Name}} {{.Replicas}}',
  ]).out;
  return lines
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [name = '', replicas = ''] = l.split(' ');
      const tasks = sh('docker', ['service', 'ps', '-q', name])
        .out.split('\n')
        .filter(Boolean).length;
      return { name, replicas, tasks };
    });
}

const converged = (s: ServiceState): boolean => {
  const [running, wanted] = s.replicas.split('/');
  return running === wanted;
};

/** Every service at its replicas, healthy; the seed job completed. */
export async function waitConverged(ms: number): Promise<ServiceState[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const all = services();
    const seed = sh(
      'docker',
      ['service', 'ps', '--format', '{{.CurrentState}}', svc('demo-seed')],
      { allowFail: true },
    ).out;
    const unhealthy = sh(
      'docker',
      [
        'ps',
        '--filter',
        `label=com.docker.stack.namespace=${STACK}`,
        '--filter',
        'health=starting',
        '-q',
      ],
      { allowFail: true },
    ).out.trim();
    const waiting = all.filter((s) => !s.name.endsWith('demo-seed') && !converged(s));
    if (all.length > 0 && waiting.length === 0 && seed.includes('Complete') && unhealthy === '')
      return all;
    if (Date.now() > deadline) {
      throw new Error(
        `not converged: ${waiting.map((w) => `${w.name} ${w.replicas}`).join(', ')}; seed: ${seed.trim()}`,
      );
    }
    await sleepS(3);
  }
}

/**
 * The databases, through one forwarder container on the stack's (attachable) network that
 * publishes one loopback port per database: the host cannot route to overlay addresses.
 */
export async function forwardDatabases(): Promise<{ reach: Reach; stop(): void }> {
  const ports = Object.fromEntries(
    await Promise.all(DBS.map(async (db) => [db, await freePort()] as const)),
  );
  const plan = JSON.stringify(DBS.map((db, i) => [15432 + i, `${db}-db`]));
  const script =
    "const net=require('net');for(const [p,h] of JSON.parse(process.env.PLAN))net.createServer(s=>{const u=net.connect(5432,h);s.pipe(u).pipe(s);u.on('error',()=>s.destroy());s.on('error',()=>u.destroy())}).listen(p)";
  const publish = DBS.flatMap((db, i) => ['-p', `127.0.0.1:${ports[db]}:${15432 + i}`]);
  const name = `${STACK}-db-forwarder`;
  sh('docker', ['rm', '-f', name], { allowFail: true });
  sh('docker', [
    'run',
    '-d',
    '--name',
    name,
    '--network',
    `${STACK}_backend`,
    ...publish,
    '-e',
    `PLAN=${plan}`,
    '--entrypoint',
    'node',
    'orchestrateur-saga:local',
    '-e',
    script,
  ]);
  await sleepS(2);
  return {
    reach: (db) => ({ host: '127.0.0.1', port: ports[db.replace(/-db$/, '')] ?? 0 }),
    stop: () => void sh('docker', ['rm', '-f', name], { allowFail: true }),
  };
}

const orchestratorTasks = (): string[] =>
  sh('docker', [
    'ps',
    '-q',
    '--filter',
    `label=com.docker.swarm.service.name=${svc('orchestrateur-service')}`,
  ])
    .out.split('\n')
    .filter(Boolean);

/** A start-first rolling update of the orchestrator under load: 0 failures, 0 stuck. */
export async function rollingUpdate(
  reach: Reach,
  env: StackEnv,
  shoppers: Shopper[],
): Promise<string> {
  const start = await baselineOf(reach, env);
  const load = newLoad(env);
  load.start(shoppers);
  await sleepS(8);
  const t0 = Date.now();
  const before = orchestratorTasks();
  await shAsync('docker', [
    'service',
    'update',
    '--force',
    '--detach=false',
    '--quiet',
    svc('orchestrateur-service'),
  ]);
  // The CLI may return before Swarm is done (it watches for convergence, not for the
  // update): the update's own state says, `completed` or a rollback.
  const updateState = (): string =>
    sh('docker', [
      'service',
      'inspect',
      '-f',
      '{{.UpdateStatus.State}}',
      svc('orchestrateur-service'),
    ]).out.trim();
  while (updateState() === 'updating') {
    assert.ok(Date.now() - t0 < 300_000, 'the update still runs after 300 s');
    await sleepS(2);
  }
  const updateS = (Date.now() - t0) / 1000;
  assert.equal(updateState(), 'completed', 'the update completed (no rollback)');
  // The last old task may still be draining (stop_grace_period) when the update reports done.
  for (let i = 0; orchestratorTasks().some((id) => before.includes(id)); i += 1) {
    assert.ok(i < 30, 'an old task still runs 60 s after the update');
    await sleepS(2);
  }
  await sleepS(8);
  const result = await load.stop();
  assert.deepEqual(
    result.failures,
    [],
    `checkouts failed during the rolling update: ${result.failures.length}`,
  );
  const booksLine = await checkTheBooks(reach, env, start, load);
  return `update of 3 replicas took ${updateS.toFixed(0)} s; ${result.confirmed} CONFIRMEE, ${result.annulee} ANNULEE, 0 failed, ${result.retried} retried with their key, 0 stuck; ${booksLine}`;
}

/** One orchestrator task SIGKILLed mid-load: replaced, its sagas taken over, books balanced. */
interface Kill {
  victim: string;
  host: string;
  /** Sagas it held unfinished when it died. */
  orphans: number;
}

/**
 * SIGKILLs the task of one orchestrator holding a saga, straight at its process (docker-init,
 * pid 1 of the container: the container dies with it) to leave no time for the saga to end.
 */
async function killBusyTask(db: Knex): Promise<Kill> {
  const tasks = orchestratorTasks().map((id) => {
    const [hostname = '', pid = ''] = sh('docker', [
      'inspect',
      '-f',
      '{{.Config.Hostname}} {{.State.Pid}}',
      id,
    ])
      .out.trim()
      .split(' ');
    return { id, hostname, pid: Number(pid) };
  });
  const victim = await busyOrchestrator(db, tasks);
  const task = tasks.find((t) => t.id === victim);
  if (!task) throw new Error('no orchestrator task to kill');
  process.kill(task.pid, 'SIGKILL');
  const orphans = await db.raw<{ rows: { id: string }[] }>(
    `SELECT id FROM commandes WHERE lease_owner LIKE :owner AND etat_actuel NOT IN ('CONFIRMEE', 'ANNULEE')`,
    { owner: `${task.hostname}-%` },
  );
  return { victim, host: task.hostname, orphans: orphans.rows.length };
}

async function replaced(victim: string): Promise<number> {
  const t0 = Date.now();
  while (orchestratorTasks().length < 3 || orchestratorTasks().includes(victim)) {
    if (Date.now() - t0 > 90_000) throw new Error('the killed task was not replaced in 90 s');
    await sleepS(2);
  }
  return (Date.now() - t0) / 1000;
}

/**
 * Orchestrator tasks SIGKILLed under load until one died holding unfinished sagas (at most 4):
 * each replaced by Swarm, those sagas finished by the others, the books balanced.
 */
export async function killedTask(
  reach: Reach,
  env: StackEnv,
  shoppers: Shopper[],
): Promise<string> {
  const start = await baselineOf(reach, env);
  const load = newLoad(env);
  load.start(shoppers);
  await sleepS(8);
  const db = knex({
    client: 'pg',
    connection: {
      ...reach('orchestrateur'),
      user: 'orchestrateur',
      password: env.dbPassword('orchestrateur'),
      database: 'orchestrateur',
    },
  });
  const kills: string[] = [];
  let orphans = 0;
  try {
    for (let attempt = 0; attempt < 4 && orphans === 0; attempt += 1) {
      const kill = await killBusyTask(db);
      orphans += kill.orphans;
      kills.push(
        `${kill.host} (holding ${kill.orphans}, replaced in ${(await replaced(kill.victim)).toFixed(0)} s)`,
      );
      await sleepS(5);
    }
  } finally {
    await db.destroy();
  }
  assert.ok(orphans > 0, `no kill caught a task holding a saga: ${kills.join(', ')}`);
  await sleepS(5);
  const result = await load.stop();
  assert.deepEqual(
    result.failures,
    [],
    `checkouts failed after the kill: ${result.failures.length}`,
  );
  const booksLine = await checkTheBooks(reach, env, start, load);
  return `tasks SIGKILLed: ${kills.join(', ')}; every saga final; ${result.confirmed} CONFIRMEE, 0 failed, ${result.retried} retried; ${booksLine}`;
}

/** The secrets each task got are the ones deployed (not a misread default of the file's). */
export function secretsArrived(env: StackEnv): string {
  const checked: string[] = [];
  for (const service of ['auth-service', 'orchestrateur-service', 'orchestrateur-db']) {
    const [id = ''] = sh('docker', [
      'ps',
      '-q',
      '--filter',
      `label=com.docker.swarm.service.name=${svc(service)}`,
    ]).out.split('\n');
    const vars = sh('docker', [
      'inspect',
      '-f',
      '{{range .Config.Env}}{{println .}}{{end}}',
      id,
    ]).out.split('\n');
    for (const line of vars) {
      const [name = '', ...rest] = line.split('=');
      const expected =
        env.vars[name] ??
        (name === 'SERVICE_DB_PASSWORD' ? env.dbPassword('orchestrateur') : undefined);
      if (expected === undefined || !/PASSWORD|TOKEN|KEY/.test(name)) continue;
      assert.equal(
        rest.join('='),
        expected,
        `${service} got another ${name} than the one deployed`,
      );
      checked.push(name);
    }
  }
  return `${checked.length} secrets arrived intact (${[...new Set(checked)].join(', ')})`;
}

/** No service restarted while the stack came up: they waited instead of crash-looping. */
export function noCrashLoop(states: ServiceState[]): string {
  const looped = states.filter(
    (s) => !s.name.endsWith('demo-seed') && s.tasks > Number(s.replicas.split('/')[1]),
  );
  assert.deepEqual(
    looped.map((s) => `${s.name}: ${s.tasks} tasks`),
    [],
    'services restarted while the stack came up',
  );
  const waited = sh('bash', [
    '-c',
    `docker service logs --raw ${svc('orchestrateur-service')} 2>&1 | grep -c 'waiting for' || true`,
  ]).out.trim();
  return `${states.length} services, each on its first task(s); the orchestrator logged ${waited} 'waiting for' lines`;
}

export function removeStack(): void {
  sh('docker', ['stack', 'rm', STACK], { allowFail: true });
  for (let i = 0; i < 60; i += 1) {
    const left = sh('docker', [
      'ps',
      '-aq',
      '--filter',
      `label=com.docker.stack.namespace=${STACK}`,
    ]).out.trim();
    const nets = sh('docker', [
      'network',
      'ls',
      '-q',
      '--filter',
      `label=com.docker.stack.namespace=${STACK}`,
    ]).out.trim();
    if (left === '' && nets === '') break;
    spawnSleep(2);
  }
  const volumes = sh('docker', [
    'volume',
    'ls',
    '-q',
    '--filter',
    `label=com.docker.stack.namespace=${STACK}`,
  ])
    .out.split('\n')
    .filter(Boolean);
  if (volumes.length > 0) sh('docker', ['volume', 'rm', ...volumes], { allowFail: true });
}

const spawnSleep = (s: number): void => void sh('sleep', [String(s)]);

export { prepareLoad };
