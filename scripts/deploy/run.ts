/**
 * The deployment, run for real (docs/deployment.md, "The deployment tests"):
 *   npm run deploy:test          docker-compose.yml: up, a customer, Prometheus, faults, books,
 *                                down/up, bad settings, 1-2-3 replicas measured
 *   npm run deploy:swarm-test    deploy/swarm/stack.yml on a one-node swarm: convergence, a
 *                                rolling update and a killed task under load, books
 * Options: --keep (leave what runs), --skip-scaling. Exits non-zero at the first failed
 * phase; removes everything it created except the images (the cache of the next run).
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import {
  composeReach,
  front,
  LOAD_PRODUIT,
  ledger,
  prepareLoad,
  prometheusChecks,
  RUN_SERVICES,
  userJourney,
  waitHealthy,
} from './compose-phases.js';
import { Compose, ensureDockerd, ROOT, sh, shLive, stopOwnDockerd } from './docker.js';
import { badSettings, faultsUnderLoad } from './faults.js';
import { measureScaling } from './scaling.js';
import { checkout, setLine, signIn } from './shop.js';
import { type StackEnv, stackEnv } from './stack-env.js';
import * as swarm from './swarm.js';

const args = new Set(process.argv.slice(2));
const times: [string, number][] = [];

async function phase<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
  const t0 = Date.now();
  console.log(`\n== ${name}`);
  const out = await fn();
  const s = (Date.now() - t0) / 1000;
  times.push([name, s]);
  if (typeof out === 'string') console.log(`   ${out}`);
  if (Array.isArray(out) && out.every((l) => typeof l === 'string')) {
    console.log(`   ${out.join('\n   ')}`);
  }
  console.log(`   (${s.toFixed(1)} s)`);
  return out;
}

const STAND_INS = `Stand-ins (no registry here): Debian packages and npm stand in for the node, postgres,
nginx and prometheus images (scripts/deploy/images.sh); krakend:2.13 is the project's own
gateway code (src/system/gateway-*.ts) on the same deploy/krakend/krakend.json: it validates
no JWT (each service still does) and limits no rate. Grafana and Jaeger are not run.`;

/** Daemon, stand-in images, then the project's images as docker-compose builds them. */
async function images(c: Compose): Promise<void> {
  console.log(STAND_INS);
  await phase('docker daemon', () => ensureDockerd('/tmp/deploy-test-dockerd.log'));
  await phase('stand-in base images (cached by recipe)', () =>
    shLive('bash', ['scripts/deploy/images.sh']),
  );
  await phase('build the app and front images (docker-compose build)', () => {
    c.live(['build', '--quiet', 'auth-service', 'frontend']);
    sh('docker', ['build', '-q', '-t', 'krakend:2.13', 'scripts/deploy/standins/krakend'], {
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
    });
    return 'orchestrateur-saga:local, orchestrateur-saga-frontend:local, krakend:2.13 (stand-in)';
  });
}

async function composeTest(c: Compose, env: StackEnv): Promise<void> {
  const reach = composeReach(c);
  await phase(
    'up (docker-compose.yml unchanged): every container healthy, demo-seed done',
    async () => {
      c.run(['up', '-d', ...RUN_SERVICES]);
      await waitHealthy(c, 300_000);
      return `${RUN_SERVICES.length} services; front on ${front(env)}`;
    },
  );
  await phase('a customer and an operator through the front', async () => {
    return `alice's commande ${await userJourney(env)} CONFIRMEE (201); dashboard and console answer`;
  });
  await phase('Prometheus: targets, counter, alert rules', () => prometheusChecks(env));
  const shoppers = await phase('load clients', () => prepareLoad(reach, env));
  console.log(`   ${shoppers.length} clients signed in through the front`);
  await phase('faults under continuous checkouts, then the books', () =>
    faultsUnderLoad(c, env, shoppers),
  );
  await phase('down, then up: data kept', async () => {
    c.run(['up', '-d', ...RUN_SERVICES]);
    await waitHealthy(c, 180_000);
    const before = await ledger(reach, env);
    c.run(['down']);
    c.run(['up', '-d', ...RUN_SERVICES]);
    await waitHealthy(c, 300_000);
    const after = await ledger(reach, env);
    if (after !== before) throw new Error(`before down: ${before}\nafter up: ${after}`);
    const token = await signIn(front(env), 'charge-101', 'charge-101-password');
    await setLine(front(env), token, 101, LOAD_PRODUIT, 1);
    const again = await checkout(front(env), token, 1);
    if (again.etat !== 'CONFIRMEE') throw new Error(`a checkout after up: ${again.etat}`);
    return `${after}; a checkout after: CONFIRMEE`;
  });
  await phase('bad settings say what is wrong (log and healthcheck)', () => badSettings(c, env));
  if (!args.has('--skip-scaling')) {
    await phase('scaling: 1, 2, 3 orchestrator replicas on one PostgreSQL', () =>
      measureScaling(c, env, shoppers),
    );
  }
}

async function swarmTest(env: StackEnv): Promise<() => void> {
  const joined = await phase('one-node swarm', () => swarm.ensureSwarm());
  let forwarder: Awaited<ReturnType<typeof swarm.forwardDatabases>> | undefined;
  const cleanup = (): void => {
    forwarder?.stop();
    swarm.removeStack();
    if (joined) sh('docker', ['swarm', 'leave', '--force'], { allowFail: true });
  };
  try {
    await phase('docker stack deploy deploy/swarm/stack.yml, converged', async () => {
      swarm.deployStack(env);
      const converged = swarm.noCrashLoop(await swarm.waitConverged(420_000));
      return [converged, swarm.secretsArrived(env)];
    });
    forwarder = await swarm.forwardDatabases();
    const reach = forwarder.reach;
    const shoppers = await phase('load clients', () => prepareLoad(reach, env));
    await phase('rolling update of the orchestrator under load', () =>
      swarm.rollingUpdate(reach, env, shoppers),
    );
    await phase('an orchestrator task SIGKILLed under load', () =>
      swarm.killedTask(reach, env, shoppers),
    );
  } catch (err) {
    if (!args.has('--keep')) cleanup();
    throw err;
  }
  return cleanup;
}

async function main(): Promise<void> {
  const env = await stackEnv('saga-deploy-test');
  const c = new Compose('sagadeploytest', [path.join(ROOT, 'docker-compose.yml')], env.file);
  let cleanupSwarm: (() => void) | undefined;
  try {
    await images(c);
    if (args.has('--swarm')) cleanupSwarm = await swarmTest(env);
    else await composeTest(c, env);
  } finally {
    if (!args.has('--keep')) {
      await phase('clean up (images kept)', () => {
        cleanupSwarm?.();
        c.run(['down', '-v', '--remove-orphans'], { allowFail: true });
        rmSync(env.dir, { recursive: true, force: true });
      });
    }
    await stopOwnDockerd();
    console.log('\nTime per phase:');
    for (const [name, s] of times) console.log(`  ${s.toFixed(1).padStart(7)} s  ${name}`);
    const total = times.reduce((n, [, s]) => n + s, 0);
    console.log(`  ${total.toFixed(1).padStart(7)} s  in all`);
  }
}

// process.exit: a phase that failed mid-load leaves its clients' loops running.
main().then(
  () => {
    console.log(`\n${args.has('--swarm') ? 'deploy:swarm-test' : 'deploy:test'} passed`);
    process.exit(0);
  },
  (err: unknown) => {
    console.error(`\nFAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
