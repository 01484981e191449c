/**
 * The four systems of the comparison, each started as its own processes against the same
 * stand-ins, with what the bench needs to drive it and to count its CPU.
 */
import { readFile } from 'node:fs/promises';
import {
  type ChildOrchestrateur,
  spawnNode,
  spawnOrchestrateur,
} from '../../test/support/child-orchestrateur.js';
import { startRestateServer } from './restate/server.js';

export const SYSTEMS = ['orchestrateur', 'floor', 'dbos', 'restate'] as const;
export type SystemName = (typeof SYSTEMS)[number];

export interface RunningSystem {
  name: SystemName;
  /** Checkouts are posted to url + path. */
  url: string;
  path: string;
  /** Roots of the process trees whose CPU is this system's (its database included). */
  pids: number[];
  stop(): Promise<void>;
}

/** What the systems share: the stand-ins' URLs and one PostgreSQL. */
export interface SharedInfra {
  participants: Record<string, string>;
  /** URL of a new, empty database named after `name` on the bench's PostgreSQL. */
  database(name: string): Promise<string>;
  /** PostgreSQL's postmaster: its backends are counted with the system using them. */
  postmasterPid: number;
  /** A fresh folder for a system's own data. */
  scratch(name: string): Promise<string>;
}

const CHECKOUT = '/api/commande/checkout';

/** The postmaster's pid is the first line of postmaster.pid in the data folder. */
export async function postmasterPid(dataDir: string): Promise<number> {
  const pid = Number((await readFile(`${dataDir}/postmaster.pid`, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no postmaster pid in ${dataDir}`);
  return pid;
}

async function stopChild(child: ChildOrchestrateur): Promise<void> {
  child.proc.kill('SIGTERM');
  await child.exited;
}

const pidOf = (child: ChildOrchestrateur): number => child.proc.pid ?? 0;

async function orchestrateur(infra: SharedInfra): Promise<RunningSystem> {
  // Identity (issue 13) is not what is compared: no system here checks tokens.
  const env = {
    ...infra.participants,
    DATABASE_URL: await infra.database('bench'),
    LOG_LEVEL: 'info',
    AUTH_REQUIRED: 'false',
    // The bench's own SAGA_* settings reach the orchestrator (e.g. SAGA_WRITE_BEHIND_MS=0
    // to measure what writing each transition at once costs).
    ...Object.fromEntries(
      Object.entries(process.env).filter(
        (e): e is [string, string] => e[0].startsWith('SAGA_') && e[1] !== undefined,
      ),
    ),
  };
  const child = await spawnOrchestrateur(env);
  const pids = [pidOf(child), infra.postmasterPid];
  return {
    name: 'orchestrateur',
    url: child.url,
    path: CHECKOUT,
    pids,
    stop: () => stopChild(child),
  };
}

async function floor(infra: SharedInfra): Promise<RunningSystem> {
  const child = await spawnNode(
    ['bench/null-orchestrateur.ts'],
    infra.participants,
    'null orchestrateur listening',
  );
  return {
    name: 'floor',
    url: child.url,
    path: CHECKOUT,
    pids: [pidOf(child)],
    stop: () => stopChild(child),
  };
}

async function dbos(infra: SharedInfra): Promise<RunningSystem> {
  const env = {
    ...infra.participants,
    DBOS_SYSTEM_DATABASE_URL: await infra.database('bench_dbos'),
  };
  const child = await spawnNode(['bench/peers/dbos/app.ts'], env, 'dbos checkout listening');
  const pids = [pidOf(child), infra.postmasterPid];
  return { name: 'dbos', url: child.url, path: CHECKOUT, pids, stop: () => stopChild(child) };
}

async function restate(infra: SharedInfra): Promise<RunningSystem> {
  const server = await startRestateServer(await infra.scratch('restate'));
  const endpoint = await spawnNode(
    ['bench/peers/restate/endpoint.ts'],
    infra.participants,
    'restate endpoint listening',
  );
  await server.register(endpoint.url, 'Checkout');
  return {
    name: 'restate',
    url: server.ingressUrl,
    path: '/Checkout/checkout',
    pids: [server.proc.pid ?? 0, pidOf(endpoint)],
    stop: async () => {
      await server.stop(); // first: it drains its invocations through the endpoint
      await stopChild(endpoint);
    },
  };
}

const STARTERS: Record<SystemName, (infra: SharedInfra) => Promise<RunningSystem>> = {
  orchestrateur,
  floor,
  dbos,
  restate,
};

export const startSystem = (name: SystemName, infra: SharedInfra): Promise<RunningSystem> =>
  STARTERS[name](infra);
