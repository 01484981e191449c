/**
 * `npm run deploy:test`: the compose deployment run for real (docs/deployment.md, "The
 * deployment tests"). Options: --keep (leave the stack up), --skip-scaling.
 * Exits non-zero on the first failed phase; always removes what it created (not images).
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import {
  front,
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
import { stackEnv } from './stack-env.js';
import { checkout, signIn } from './shop.js';

const args = new Set(process.argv.slice(2));
const times: [string, number][] = [];

async function phase<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
  const t0 = Date.now();
  console.log(`\n== ${name}`);
  const out = await fn();
  const s = (Date.now() - t0) / 1000;
  times.push([name, s]);
  if (out !== undefined) console.log(`   ${Array.isArray(out) ? out.join('\n   ') : String(out)}`);
  console.log(`   (${s.toFixed(1)} s)`);
  return out;
}

async function main(): Promise<void> {
  console.log(
    'Stand-ins (no registry here): Debian packages and npm stand in for the node, postgres,',
  );
  console.log(
    "nginx and prometheus images (scripts/deploy/images.sh); krakend:2.13 is the project's own",
  );
  console.log(
    'gateway code on the same deploy/krakend/krakend.json (no JWT validation, no rate limit);',
  );
  console.log('Grafana and Jaeger are not run. docker-compose.yml is used unchanged.');
  await phase('docker daemon', () => ensureDockerd('/tmp/deploy-test-dockerd.log'));
  await phase('stand-in base images (cached by recipe)', () =>
    shLive('bash', ['scripts/deploy/images.sh']),
  );
  const env = await stackEnv('saga-deploy-test');
  const c = new Compose('sagadeploytest', [path.join(ROOT, 'docker-compose.yml')], env.file);
  try {
    await phase('build the app and front images (docker-compose build)', () => {
      c.live(['build', '--quiet', 'auth-service', 'frontend']);
      sh('docker', ['build', '-q', '-t', 'krakend:2.13', 'scripts/deploy/standins/krakend'], {
        env: { ...process.env, DOCKER_BUILDKIT: '0' },
      });
      return 'orchestrateur-saga:local, orchestrateur-saga-frontend:local, krakend:2.13 (stand-in)';
    });
    await phase('up: every container healthy, demo-seed done', async () => {
      c.run(['up', '-d', ...RUN_SERVICES]);
      await waitHealthy(c, 240_000);
      return `${RUN_SERVICES.length} services; front on ${front(env)}`;
    });
    await phase(
      'a customer and an operator through the front',
      async () => `alice's commande ${await userJourney(env)} CONFIRMEE (201)`,
    );
    await phase('Prometheus: targets, counter, alert rules', () => prometheusChecks(env));
    const shoppers = await phase('load clients', async () => prepareLoad(c, env));
    await phase('faults under continuous checkouts, then the books', () =>
      faultsUnderLoad(c, env, shoppers),
    );
    await phase('down, then up: data kept', async () => {
      c.run(['up', '-d', ...RUN_SERVICES]);
      await waitHealthy(c, 180_000);
      const before = await ledger(c, env);
      c.run(['down']);
      c.run(['up', '-d', ...RUN_SERVICES]);
      await waitHealthy(c, 240_000);
      const after = await ledger(c, env);
      if (after !== before) throw new Error(`before down: ${before}\nafter up: ${after}`);
      const again = await checkout(
        front(env),
        await signIn(front(env), 'charge-101', 'charge-101-password'),
        1,
      ).catch((e: unknown) => e);
      return `${after}; a checkout after: ${JSON.stringify((again as { etat?: string }).etat ?? String(again))}`;
    });
    await phase('bad settings say what is wrong', () => badSettings(c, env));
    if (!args.has('--skip-scaling'))
      await phase('scaling: 1, 2, 3 orchestrator replicas', () => measureScaling(c, env, shoppers));
  } finally {
    if (!args.has('--keep')) {
      await phase('clean up (images kept)', () => {
        c.run(['down', '-v', '--remove-orphans'], { allowFail: true });
        rmSync(env.dir, { recursive: true, force: true });
      });
    }
    await stopOwnDockerd();
    console.log('\nTime per phase:');
    for (const [name, s] of times) console.log(`  ${s.toFixed(1).padStart(7)} s  ${name}`);
  }
}

main().then(
  () => console.log('\ndeploy:test passed'),
  (err: unknown) => {
    console.error(
      `\ndeploy:test FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    process.exitCode = 1;
  },
);
