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
    case 'proxy-drop': {
      const proxy = cluster.proxies.get(fault.target);
      proxy?.set(
        fault.kind === 'proxy-slow' ? 'slow' : fault.kind === 'proxy-drop' ? 'drop' : 'unavailable',
      );
      await sleep(fault.forMs);
      proxy?.set(undefined);
      return;
    }
  }
}

/** Every proxy passing, every process up. */
export async function heal({ cluster }: Targets): Promise<void> {
  for (const proxy of cluster.proxies.values()) proxy.set(undefined);
  for (const name of cluster.procs.keys()) {
    if (!cluster.isUp(name)) await cluster.launch(name);
  }
}
