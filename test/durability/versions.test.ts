import { expect } from 'chai';
import type { Knex } from 'knex';
import { type Orchestrateur, startOrchestrateur } from '../../src/orchestrateur/app.js';
import {
  type CheckoutParticipants,
  type CheckoutSaga,
  checkoutSaga,
} from '../../src/orchestrateur/checkout/checkout-saga.js';
import { ETATS_COMMANDE, transitions } from '../../src/orchestrateur/checkout/transitions.js';
import { loadOrchestrateurConfig } from '../../src/orchestrateur/config.js';
import { DefinitionRegistry, defineSaga } from '../../src/saga/index.js';
import { expectBooksBalanced } from '../support/books.js';
import {
  type ChildOrchestrateur,
  childDatabase,
  FAST_RECOVERY,
  spawnOrchestrateur,
} from '../support/child-orchestrateur.js';
import { insertCommande } from '../support/commandes.js';
import { FakeParticipants } from '../support/fake-participants.js';
import { call, TEST_ENV } from '../support/orchestrateur.js';
import { seedClients, waitFor } from '../support/sagas.js';

const CONTROLE = 'CONTROLE_FAIT';

/**
 * Tomorrow's checkout, built here: a step `controle` (no participant call) between the
 * payment and the sale, so the sale now runs from a new état today's table does not know.
 */
function withControl(p: CheckoutParticipants): CheckoutSaga {
  const today = checkoutSaga(p);
  const table = {
    ...transitions,
    PAIEMENT_EFFECTUE: { next: [CONTROLE], compensate: 'rembourser' },
    [CONTROLE]: { next: ['COMMANDE_ENREGISTREE', 'ECHEC_ENREGISTREMENT'] },
  };
  const controle = {
    name: 'controle',
    from: 'PAIEMENT_EFFECTUE',
    retry: 'until-success' as const,
    run: () => Promise.resolve({ detail: { controle: 'ok' } }),
  };
  const steps = today.steps.flatMap((s) =>
    s.name === 'vente' ? [controle, { ...s, from: CONTROLE }] : [s],
  );
  const spec = { name: today.name, table, states: today.states, steps };
  return defineSaga({ ...spec, compensations: today.compensations } as never) as CheckoutSaga;
}

/** The migration tomorrow's version would bring: the état lists accept the new état. */
async function acceptNewEtat(db: Knex): Promise<void> {
  const list = [...ETATS_COMMANDE, CONTROLE].map((e) => `'${e}'`).join(', ');
  for (const [table, column] of [
    ['commandes', 'etat_actuel'],
    ['etat_saga', 'etat'],
  ] as const) {
    await db.raw(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_${column}_check,
                  ADD CONSTRAINT ${table}_${column}_check CHECK (${column} IN (${list}))`);
  }
}

interface Row {
  id: string;
  etat_actuel: string;
  definition_version: string;
  etats: string[];
}

const rows = async (db: Knex): Promise<Row[]> =>
  (
    await db.raw<{ rows: Row[] }>(
      `SELECT c.id, c.etat_actuel, c.definition_version,
              array_agg(s.etat ORDER BY s.version) AS etats
         FROM commandes c JOIN etat_saga s ON s.commande_id = c.id
        GROUP BY c.id`,
    )
  ).rows;

/**
 * A rolling upgrade: today's instance and tomorrow's (which keeps today's definition
 * registered) share one database under load; today's is killed mid-run. Every saga ends
 * under the definition it started with, and none is driven by a table without its état.
 */
describe('saga definitions with versions, in a rolling upgrade', function () {
  this.timeout(90_000);
  let fake: FakeParticipants;
  let db: Knex;
  let env: Record<string, string>;
  let old: ChildOrchestrateur | undefined;
  let next: Orchestrateur | undefined;

  before(async () => {
    fake = await new FakeParticipants().start();
    ({ db, env } = await childDatabase('versions', fake.url, FAST_RECOVERY));
    await acceptNewEtat(db);
  });
  after(async () => {
    old?.proc.kill('SIGKILL');
    await next?.stop();
    await db.destroy();
    await fake.stop();
  });

  const startTomorrow = (): Promise<Orchestrateur> => {
    const config = loadOrchestrateurConfig({ ...TEST_ENV, ...env, RECOVERY_INTERVAL_MS: '150' });
    return startOrchestrateur(
      { ...config, databaseUrl: env.DATABASE_URL ?? '' },
      { definitions: (p) => new DefinitionRegistry(withControl(p), [checkoutSaga(p)]) },
    );
  };

  it('drives each saga by the definition it started under, after the old instance dies', async () => {
    const clients = Array.from({ length: 24 }, (_, i) => 9100 + i);
    const initial = seedClients(fake, clients, 91);
    old = await spawnOrchestrateur(env);
    next = await startTomorrow();
    const today = checkoutSaga({} as never).version;
    const tomorrow = withControl({} as never).version;
    expect(tomorrow).to.not.equal(today);
    // Sales answer slowly half the time: sagas are in flight when the old instance dies.
    fake.setFaultMix([
      { route: 'enregistrer_vente', probability: 0.5, fault: { kind: 'delay', ms: 600 } },
    ]);
    const urls = [old.url, next.url];
    const checkouts = clients.map((c, i) =>
      call(urls[i % 2] ?? '', 'POST', '/api/commande/checkout', {
        json: { client_id: c, magasin_id: 1 },
      }).catch(() => undefined),
    );
    await waitFor('sagas of both versions', async () => {
      const versions = new Set((await rows(db)).map((r) => r.definition_version));
      return versions.has(today) && versions.has(tomorrow);
    });
    old.proc.kill('SIGKILL');
    await old.exited;
    const orphans = (await rows(db)).filter(
      (r) => r.definition_version === today && !['CONFIRMEE', 'ANNULEE'].includes(r.etat_actuel),
    );
    expect(orphans.length, 'old sagas left unfinished by the dead instance').to.be.greaterThan(0);
    await Promise.all(checkouts);
    fake.setFaultMix([]);
    await waitFor(
      'every saga at its end',
      async () => (await rows(db)).every((r) => ['CONFIRMEE', 'ANNULEE'].includes(r.etat_actuel)),
      30_000,
    ).catch(async (err: unknown) => {
      const stuck = (await rows(db)).filter(
        (r) => !['CONFIRMEE', 'ANNULEE'].includes(r.etat_actuel),
      );
      throw new Error(`${String(err)}: ${JSON.stringify(stuck)}`);
    });
    const all = await rows(db);
    // Every checkout sent to tomorrow's instance made a commande; a checkout the old
    // instance had not written yet when it died made none (nothing was done for it).
    expect(all.filter((r) => r.definition_version === tomorrow)).to.have.length(clients.length / 2);
    for (const r of all) {
      if (r.definition_version === today) expect(r.etats, r.id).to.not.include(CONTROLE);
      else if (r.etat_actuel === 'CONFIRMEE') expect(r.etats, r.id).to.include(CONTROLE);
    }
    await expectBooksBalanced(db, fake, initial);
  });

  it('leaves a saga of a version it does not drive for an instance that does, and shows it', async () => {
    const id = '0193a0b0-0000-7000-8000-00000000f00d';
    await insertCommande(db, {
      id,
      client_id: 9200,
      magasin_id: 1,
      idempotencyKey: null,
      requestHash: 'x',
      owner: 'dead-instance',
      leaseMs: -1000,
      definition: { nom: 'commande', version: 'feedfacecafe' },
    });
    await next?.recovery.scanOnce();
    const { rows: left } = await db.raw<{ rows: { lease_owner: string }[] }>(
      'SELECT lease_owner FROM commandes WHERE id = ?',
      [id],
    );
    expect(left[0]?.lease_owner, 'not taken over').to.equal('dead-instance');
    const metrics = (await call(next?.url ?? '', 'GET', '/metrics')).text;
    expect(metrics).to.match(
      /sagas_par_definition\{version="feedfacecafe",etat="INITIEE"[^}]*\} 1/,
    );
    expect(metrics).to.match(
      /saga_definition_pilotee\{definition="commande",version="[0-9a-f]{12}"/,
    );
    await db.raw('DELETE FROM commandes WHERE id = ?', [id]);
  });
});
