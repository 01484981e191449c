/** What each scheduled fault does to the running system, and how it is undone. */
import type { Cluster } from './cluster.js';
import type { ChaosPostgres } from './postgres.js';
import type { Fault } from './schedule.js';

export interface Targets {
  pg: ChaosPostgres;
  cluster: Cluster;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Plays one fault to its end (the process back up, the proxy passing again). */
export async function applyFault(fault: Fault, { pg, cluster }: Targets): Promise<void> {
  switch (fault.kind) {
    case 'kill-orchestrateur':
    case 'kill-participant':
      if (!cluster.isUp(fault.target)) return;
      await cluster.kill(fault.target);
      await sleep(fault.downMs);
      await cluster.launch(fault.target);
      return;
    case 'kill-postgres':
      await pg.kill();
      await sleep(fault.downMs);
      await pg.startAgain();
      return;
    case 'terminate-connections':
      await pg.terminateConnections();
      return;
    case 'proxy-slow':
    case 'proxy-unavailable':
    case 'proxy-drop':
    case 'proxy-reject': {
      const proxy = cluster.proxies.get(fault.target);
      proxy?.set(PROXY_FAULTS[fault.kind]);
      await sleep(fault.forMs);
      proxy?.set(undefined);
      return;
    }
    case 'rotate-token':
      // The participant restarts with a new service token; the orchestrators keep the old
      // one, so every saga call it gets is refused 401 until it is set back.
      await cluster.rotateToken(fault.target);
      await sleep(fault.forMs);
      await cluster.restoreToken(fault.target);
      return;
  }
}

const PROXY_FAULTS = {
  'proxy-slow': 'slow',
  'proxy-unavailable': 'unavailable',
  'proxy-drop': 'drop',
  'proxy-reject': 'reject',
} as const;

/** Every proxy passing, every process up. */
export async function heal({ cluster }: Targets): Promise<void> {
  for (const proxy of cluster.proxies.values()) proxy.set(undefined);
  await cluster.restoreTokens();
  for (const name of cluster.procs.keys()) {
    if (!cluster.isUp(name)) await cluster.launch(name);
  }
}
