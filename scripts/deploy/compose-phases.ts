/**
 * The compose deployment, run for real: docker-compose.yml unchanged (its images' stand-ins
 * built by images.sh), every container healthy, a customer and an operator through the
 * published front, the real Prometheus, faults under load, books balanced, down and up.
 */
import assert from 'node:assert/strict';
import { ACCOUNT, CLIENT, insertMissing, insertWithIds } from '../../seeds/demo-seed.js';
import { hashPassword } from '../../src/services/auth/passwords.js';
import {
  type Reach,
  type Start,
  books,
  closeDbs,
  openDbs,
  startingPoint,
  waitSettled,
} from './books.js';
import { addressOf, type Compose, health, sh } from './docker.js';
import { Load, type Shopper } from './load.js';
import { call, checkout, setLine, signIn } from './shop.js';
import type { StackEnv } from './stack-env.js';
import knex from 'knex';

/** Everything but Grafana and Jaeger, which have no stand-in (docs/deployment.md). */
export const RUN_SERVICES = [
  ...['orchestrateur', 'produits', 'magasin', 'stock', 'client', 'panier', 'ventes', 'auth'].map(
    (d) => `${d}-db`,
  ),
  'auth-service',
  'produits-service',
  'magasin-service',
  'stock-service-1',
  'stock-service-2',
  'stock-lb',
  'client-service',
  'panier-service',
  'ventes-service',
  'orchestrateur-service',
  'demo-seed',
  'krakend',
  'frontend',
  'prometheus',
];

export const MAGASIN = 1;
/** Chocolat noir (demo data): the load's produit, its stock raised so it never runs out. */
export const LOAD_PRODUIT = 6;
export const LOAD_CLIENTS = [101, 102, 103, 104, 105, 106];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until every running container is healthy and demo-seed exited 0. */
export async function waitHealthy(c: Compose, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const ids = c.run(['ps', '-q']).out.split('\n').filter(Boolean);
    const states = ids.map((id) => {
      const name = sh('docker', ['inspect', '-f', '{{.Name}}', id]).out.trim().slice(1);
      const exit = sh('docker', ['inspect', '-f', '{{.State.ExitCode}}', id]).out.trim();
      return { name, state: health(id), exit };
    });
    const seed = states.find((s) => s.name.includes('demo-seed'));
    if (seed && seed.state === 'exited' && seed.exit !== '0') {
      throw new Error(
        `demo-seed exited ${seed.exit}:\n${sh('docker', ['logs', '--tail', '30', seed.name], { allowFail: true }).err}`,
      );
    }
    const waiting = states.filter(
      (s) => !(s.state === 'healthy' || (s.name.includes('demo-seed') && s.state === 'exited')),
    );
    if (waiting.length === 0 && seed) return;
    if (Date.now() > deadline) {
      throw new Error(
        `not healthy after ${ms / 1000} s: ${waiting.map((w) => `${w.name} ${w.state}`).join(', ')}`,
      );
    }
    await sleep(3000);
  }
}

export const front = (env: StackEnv): string => `http://127.0.0.1:${env.frontPort}`;

/** A customer and an operator through the front's published port. */
export async function userJourney(env: StackEnv): Promise<string> {
  const base = front(env);
  const page = await fetch(`${base}/boutique`);
  assert.equal(page.status, 200, 'the front serves the shop');
  assert.match(await page.text(), /<div id="root">|<script/, 'the front serves the single page');
  const alice = await signIn(base, 'alice', 'alice-demo');
  await setLine(base, alice, 1, 3, 1);
  const bought = await checkout(base, alice, MAGASIN, 30_000);
  assert.equal(bought.etat, 'CONFIRMEE', `alice's checkout ended ${bought.etat}`);
  assert.equal(
    bought.statuses.at(-1),
    201,
    `alice's checkout answered ${bought.statuses.join(',')}`,
  );
  const op = await signIn(base, 'admin', env.vars.OPERATOR_PASSWORD ?? '');
  for (const pagePath of ['/tableau-de-bord', '/console']) {
    assert.equal((await fetch(`${base}${pagePath}`)).status, 200, pagePath);
  }
  const rapport = await call(base, 'GET', '/api/ventes/rapport', { token: op });
  assert.equal(rapport.status, 200, `dashboard's report: ${JSON.stringify(rapport.body)}`);
  const list = await call(base, 'GET', '/api/commandes', { token: op });
  assert.equal(list.status, 200, `console's list: ${JSON.stringify(list.body)}`);
  assert.ok(JSON.stringify(list.body).includes(bought.id), "the console lists alice's commande");
  return bought.id;
}

interface PromTarget {
  labels: { job: string; instance: string };
  health: string;
}

/** The real Prometheus: every target up, a confirmed checkout counted, the alert rules loaded. */
export async function prometheusChecks(env: StackEnv): Promise<string> {
  const base = `http://127.0.0.1:${env.prometheusPort}`;
  const deadline = Date.now() + 90_000;
  let last = '';
  for (;;) {
    const targets = (await (await fetch(`${base}/api/v1/targets`)).json()) as {
      data: { activeTargets: PromTarget[] };
    };
    const active = targets.data.activeTargets;
    const down = active
      .filter((t) => t.health !== 'up')
      .map((t) => `${t.labels.job} ${t.labels.instance} ${t.health}`);
    const q = encodeURIComponent('sum(commande_etat_total{etat="CONFIRMEE"})');
    const value = (await (await fetch(`${base}/api/v1/query?query=${q}`)).json()) as {
      data: { result: { value: [number, string] }[] };
    };
    const confirmed = Number(value.data.result[0]?.value[1] ?? 0);
    last = `${active.length} targets, down: [${down.join('; ')}], CONFIRMEE ${confirmed}`;
    if (down.length === 0 && active.length >= 10 && confirmed >= 1) break;
    if (Date.now() > deadline) throw new Error(`Prometheus: ${last}`);
    await sleep(3000);
  }
  const rules = (await (await fetch(`${base}/api/v1/rules`)).json()) as {
    data: { groups: { rules: { name: string; health: string }[] }[] };
  };
  const all = rules.data.groups.flatMap((g) => g.rules);
  assert.ok(all.length >= 9, `alert rules loaded: ${all.length}`);
  const bad = all.filter((r) => r.health === 'err');
  assert.equal(bad.length, 0, `rules in error: ${bad.map((r) => r.name).join(', ')}`);
  return `${last}, ${all.length} rules loaded`;
}

/** The compose databases, on their containers' addresses (the host routes to them). */
export const composeReach =
  (c: Compose): Reach =>
  (db) => ({ host: addressOf(c.ids(`${db}-db`)[0] ?? '', 'backend'), port: 5432 });

export function dbsOf(reach: Reach, env: StackEnv) {
  return openDbs(reach, (db) => env.dbPassword(db));
}

/** Clients of the load (rich, with accounts) and plenty of the load's produit. */
export async function prepareLoad(reach: Reach, env: StackEnv): Promise<Shopper[]> {
  const dbs = dbsOf(reach, env);
  const auth = knex({
    client: 'pg',
    connection: {
      ...reach('auth'),
      user: 'auth',
      password: env.dbPassword('auth'),
      database: 'auth',
    },
  });
  try {
    await insertWithIds(
      dbs.client,
      'clients',
      CLIENT,
      LOAD_CLIENTS.map((id) => ({
        id,
        nom: `Charge ${id}`,
        email: `charge-${id}@example.com`,
        solde_cents: 1_000_000_000,
      })),
    );
    const cheap = { memoryKib: 1024, timeCost: 1 };
    const accounts = await Promise.all(
      LOAD_CLIENTS.map(async (id) => ({
        username: `charge-${id}`,
        role: 'client',
        client_id: id,
        password_hash: await hashPassword(`charge-${id}-password`, cheap),
      })),
    );
    await insertMissing(auth, 'accounts', ACCOUNT, accounts);
    await dbs.stock.raw(
      'UPDATE stock SET quantite = quantite + 100000 WHERE magasin_id = ? AND produit_id = ?',
      [MAGASIN, LOAD_PRODUIT],
    );
  } finally {
    await auth.destroy();
    await closeDbs(dbs);
  }
  const base = front(env);
  return Promise.all(
    LOAD_CLIENTS.map(async (clientId) => ({
      clientId,
      token: await signIn(base, `charge-${clientId}`, `charge-${clientId}-password`),
    })),
  );
}

export async function baselineOf(reach: Reach, env: StackEnv): Promise<Start> {
  const dbs = dbsOf(reach, env);
  try {
    return await startingPoint(dbs, MAGASIN);
  } finally {
    await closeDbs(dbs);
  }
}

/** Waits for the sagas to end, then the books: every check must pass. */
export async function checkTheBooks(
  reach: Reach,
  env: StackEnv,
  start: Start,
  load: Load,
): Promise<string> {
  const dbs = dbsOf(reach, env);
  try {
    const left = await waitSettled(dbs.orchestrateur, 120_000);
    assert.equal(left, 0, `${left} commandes not final 120 s after the load`);
    const checks = await books(dbs, start, load.result.added);
    const failed = checks.filter((k) => !k.pass);
    assert.equal(failed.length, 0, failed.map((k) => `${k.name}: ${k.detail}`).join('\n'));
    return checks.map((k) => `${k.name} (${k.detail})`).join('; ');
  } finally {
    await closeDbs(dbs);
  }
}

export const newLoad = (env: StackEnv): Load => new Load(front(env), MAGASIN, LOAD_PRODUIT);

/** Counts of commandes and the sum of balances, to compare across down/up. */
export async function ledger(reach: Reach, env: StackEnv): Promise<string> {
  const dbs = dbsOf(reach, env);
  try {
    const n = (
      await dbs.orchestrateur.raw<{ rows: { n: number; etats: string }[] }>(
        `SELECT count(*)::int AS n, md5(string_agg(id || etat_actuel, ',' ORDER BY id)) AS etats FROM commandes`,
      )
    ).rows[0];
    const s = (
      await dbs.client.raw<{ rows: { s: string }[] }>(
        'SELECT sum(solde_cents)::text AS s FROM clients',
      )
    ).rows[0];
    const v = (
      await dbs.ventes.raw<{ rows: { n: number }[] }>('SELECT count(*)::int AS n FROM ventes')
    ).rows[0];
    return `${n?.n} commandes (ids and états md5 ${n?.etats}), balances ${s?.s}, ${v?.n} ventes`;
  } finally {
    await closeDbs(dbs);
  }
}

export { sleep };
