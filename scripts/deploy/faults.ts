/**
 * Faults under continuous checkouts (compose): two orchestrator replicas and one SIGKILLed,
 * the orchestrator's database restarted, one stock instance SIGKILLed; then the books.
 * Bad settings: a container that says what is wrong in its log and its healthcheck.
 */
import assert from 'node:assert/strict';
import {
  checkTheBooks,
  baselineOf,
  composeReach,
  dbsOf,
  newLoad,
  sleep,
  waitHealthy,
} from './compose-phases.js';
import { busyOrchestrator, closeDbs } from './books.js';
import { type Compose, healthOutput, sh, shAsync } from './docker.js';
import type { Shopper } from './load.js';
import type { StackEnv } from './stack-env.js';

export async function faultsUnderLoad(
  c: Compose,
  env: StackEnv,
  shoppers: Shopper[],
): Promise<string> {
  c.run(['up', '-d', '--no-deps', '--scale', 'orchestrateur-service=2', 'orchestrateur-service']);
  await waitHealthy(c, 120_000);
  const start = await baselineOf(composeReach(c), env);
  const load = newLoad(env);
  load.start(shoppers);
  const log: string[] = [];
  const note = (what: string): void => {
    log.push(`${what} at ${load.total} checkouts`);
    console.log(`    ${what} (${load.total} checkouts so far)`);
  };
  await sleep(10_000);
  await killBusyReplica(c, env);
  note('orchestrateur replica SIGKILLed');
  await sleep(15_000);
  await shAsync('docker', ['restart', '-t', '5', c.ids('orchestrateur-db')[0] ?? '']);
  note('orchestrateur-db restarted');
  await sleep(15_000);
  await shAsync('docker', ['kill', c.ids('stock-service-1')[0] ?? '']);
  note('stock-service-1 SIGKILLed');
  await sleep(15_000);
  const result = await load.stop();
  assert.deepEqual(
    result.failures,
    [],
    `checkouts without a final answer: ${result.failures.length}`,
  );
  assert.ok(result.confirmed >= 20, `only ${result.confirmed} checkouts confirmed under faults`);
  const booksLine = await checkTheBooks(composeReach(c), env, start, load);
  return `${result.confirmed} CONFIRMEE, ${result.annulee} ANNULEE, 0 failed, ${result.retried} retried with their key; ${log.join(', ')}; ${booksLine}`;
}

/** SIGKILLs the replica holding a saga in flight (its hostname starts the lease owner's name). */
async function killBusyReplica(c: Compose, env: StackEnv): Promise<void> {
  const containers = c.ids('orchestrateur-service').map((id) => {
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
  const dbs = dbsOf(composeReach(c), env);
  try {
    const victim = await busyOrchestrator(dbs.orchestrateur, containers);
    // Straight at its pid 1 (docker-init): no time for the saga to end first.
    process.kill(containers.find((k) => k.id === victim)?.pid ?? 0, 'SIGKILL');
  } finally {
    await closeDbs(dbs);
  }
}

const waitLog = async (container: string, pattern: RegExp, ms: number): Promise<string> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const r = sh('docker', ['logs', container], { allowFail: true });
    const text = `${r.out}${r.err}`;
    const health = healthOutput(container);
    if (pattern.test(text) && pattern.test(health)) return health;
    if (Date.now() > deadline)
      throw new Error(
        `${container}: ${pattern} not in log and health\nlog: ${text.slice(-1500)}\nhealth: ${health}`,
      );
    await sleep(2000);
  }
};

/** Runs the app image on the deployment's network with settings that cannot work. */
export async function badSettings(c: Compose, env: StackEnv): Promise<string[]> {
  const network = `${c.project}_backend`;
  const common = [
    '--network',
    network,
    '--health-interval',
    '2s',
    '--health-start-period',
    '60s',
    '-e',
    'PORT=8001',
  ];
  const auth = [
    '-e',
    'AUTH_REQUIRED=true',
    '-e',
    'AUTH_JWKS_URL=http://auth-service:8007/.well-known/jwks.json',
    '-e',
    `SERVICE_TOKEN=${env.vars.SERVICE_TOKEN}`,
  ];
  const dbUrl = (password: string) => `postgres://produits:${password}@produits-db:5432/produits`;
  const cases = [
    {
      name: 'wrong database password',
      args: [...auth, '-e', `DATABASE_URL=${dbUrl('not-the-password')}`],
      command: 'produits',
      expect: /refuses the login.*_DB_PASSWORD/,
    },
    {
      name: 'unreachable key set',
      args: [
        ...auth.slice(0, 2),
        '-e',
        'AUTH_JWKS_URL=http://no-such-auth:8007/.well-known/jwks.json',
        ...auth.slice(4),
        '-e',
        `DATABASE_URL=${dbUrl(env.dbPassword('produits'))}`,
      ],
      command: 'produits',
      expect: /waiting for the key set at http:\/\/no-such-auth:8007.*(ENOTFOUND|EAI_AGAIN)/,
    },
    {
      name: 'missing secret',
      args: [
        '-e',
        'PORT=8001',
        '-e',
        `DATABASE_URL=${dbUrl(env.dbPassword('produits'))}`,
        '-e',
        'AUTH_REQUIRED=true',
        '-e',
        'AUTH_JWKS_URL=http://auth-service:8007/.well-known/jwks.json',
      ],
      command: 'produits',
      expect: /SERVICE_TOKEN.*required/,
    },
  ];
  const said: string[] = [];
  for (const k of cases) {
    const name = `${c.project}-bad-${said.length}`;
    sh('docker', [
      'run',
      '-d',
      '--name',
      name,
      ...common,
      ...k.args,
      'orchestrateur-saga:local',
      k.command,
    ]);
    try {
      const health = await waitLog(name, k.expect, 60_000);
      said.push(`${k.name}: ${health.split('\n').at(-1)?.slice(0, 220)}`);
    } finally {
      sh('docker', ['rm', '-f', name], { allowFail: true });
    }
  }
  return said;
}
