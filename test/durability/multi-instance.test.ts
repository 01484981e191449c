import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createDb } from '../../src/lib/db.js';
import type { Orchestrateur } from '../../src/orchestrateur/app.js';
import { insertCommande } from '../support/commandes.js';
import { expectBooksBalanced } from '../support/books.js';
import { checkout } from '../support/checkout.js';
import { spawnOrchestrateur } from '../support/child-orchestrateur.js';
import { FakeParticipants } from '../support/fake-participants.js';
import { startTestOrchestrateur } from '../support/orchestrateur.js';
import { freshDatabaseUrl } from '../support/postgres.js';
import { forwardPath } from '../support/saga-paths.js';
import { participantsEnv, seedClients, waitFor } from '../support/sagas.js';

describe('several orchestrator instances on one database', function () {
  this.timeout(60_000);
  let fake: FakeParticipants;
  before(async () => {
    fake = await new FakeParticipants().start();
  });
  after(async () => {
    await fake.stop();
  });

  it('two instances racing on the same abandoned sagas recover each exactly once', async () => {
    const url = await freshDatabaseUrl('race');
    const clients = Array.from({ length: 30 }, (_v, i) => 1000 + i);
    const initial = seedClients(fake, clients, 1);
    const env = {
      ...participantsEnv(fake.url),
      RECOVERY_INTERVAL_MS: '30000',
      RECOVERY_BATCH: '7',
      SAGA_LEASE_MS: '60000',
    };
    const a = await startTestOrchestrateur(env, url);
    const b = await startTestOrchestrateur(env, url);
    try {
      // Let the start-up scans end first, or one could take a saga the loops below never count.
      await Promise.all([a.recovery.scanOnce(), b.recovery.scanOnce()]);
      // Sagas left behind by a dead instance: INITIEE, lease long expired.
      for (const client of clients) {
        await insertCommande(a.db, {
          id: randomUUID(),
          client_id: client,
          magasin_id: 1,
          idempotencyKey: null,
          requestHash: 'x',
          owner: 'dead-instance',
          leaseMs: -1000,
        });
      }
      const scan = async (o: Orchestrateur): Promise<number> => {
        let n = 0;
        for (let i = 0; i < 10; i += 1) n += await o.recovery.scanOnce();
        return n;
      };
      const [na, nb] = await Promise.all([scan(a), scan(b)]);
      expect(na + nb).to.equal(30);
      await waitFor('all sagas terminal', async () => {
        const { rows } = await a.db.raw<{ rows: { n: number }[] }>(
          "SELECT count(*)::int AS n FROM commandes WHERE etat_actuel <> 'CONFIRMEE'",
        );
        return rows[0]?.n === 0;
      });
      const dup = await a.db.raw<{ rows: unknown[] }>(
        'SELECT commande_id, etat FROM etat_saga GROUP BY commande_id, etat HAVING count(*) > 1',
      );
      expect(dup.rows, 'a transition applied twice').to.deep.equal([]);
      const perSaga = await a.db.raw<{ rows: { n: number }[] }>(
        'SELECT count(*)::int AS n FROM etat_saga GROUP BY commande_id',
      );
      expect(new Set(perSaga.rows.map((r) => r.n))).to.deep.equal(new Set([6]));
      const reservations = fake.calls.filter((c) => c.route === 'reserver_stock');
      expect(new Set(reservations.map((r) => r.key)).size).to.equal(30);
      await expectBooksBalanced(a.db, fake, initial);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('a checkout not finished within SAGA_BUDGET_MS answers 202 and finishes in the background', async () => {
    const orch = await startTestOrchestrateur({
      ...participantsEnv(fake.url),
      SAGA_BUDGET_MS: '100',
    });
    try {
      seedClients(fake, [2000], 2);
      fake.inject('enregistrer_vente', { kind: 'delay', ms: 400 });
      const res = await checkout(orch.url, 2000);
      expect(res.status).to.equal(202);
      expect(res.headers.location).to.equal(`/api/commande/${res.commande.id}`);
      // Somewhere on its way (how far depends on the machine), not at its end.
      expect(forwardPath().slice(1, -1)).to.include(res.commande.etat);
      await waitFor('CONFIRMEE', async () => {
        const { rows } = await orch.db.raw<{ rows: { etat_actuel: string }[] }>(
          'SELECT etat_actuel FROM commandes WHERE id = ?',
          [res.commande.id],
        );
        return rows[0]?.etat_actuel === 'CONFIRMEE';
      });
    } finally {
      await orch.stop();
    }
  });

  it('SIGTERM under load: exits 0, hands back unfinished sagas at once, the next instance ends them', async () => {
    const url = await freshDatabaseUrl('sigterm');
    const clients = Array.from({ length: 24 }, (_v, i) => 3000 + i);
    const initial = seedClients(fake, clients, 3);
    fake.latencyMs = 60;
    const env = {
      ...participantsEnv(fake.url),
      DATABASE_URL: url,
      SHUTDOWN_GRACE_MS: '150',
      SAGA_LEASE_MS: '600000',
      RECOVERY_INTERVAL_MS: '100',
    };
    const first = await spawnOrchestrateur(env);
    const probe = createDb({ url, poolMax: 2, applicationName: 't' });
    const count = async (where: string): Promise<number> => {
      const { rows } = await probe.raw<{ rows: { n: number }[] }>(
        `SELECT count(*)::int AS n FROM commandes WHERE ${where}`,
      );
      return rows[0]?.n ?? -1;
    };
    try {
      const answers = clients.map((c) =>
        checkout(first.url, c).then(
          (r) => r.status,
          () => 0,
        ),
      );
      // SIGTERM once every checkout is accepted and mid-saga.
      await waitFor('all accepted', async () => (await count('true')) === clients.length);
      first.proc.kill('SIGTERM');
      expect(await first.exited).to.equal(0);
      const statuses = await Promise.all(answers);
      // Every request got an answer: finished (201) or handed over (202); none cut off.
      expect(
        statuses.every((s) => s === 201 || s === 202),
        String(statuses),
      ).to.equal(true);
      expect(
        statuses.filter((s) => s === 202).length,
        'some sagas were handed over',
      ).to.be.greaterThan(0);
      try {
        const held = await count(
          "etat_actuel NOT IN ('CONFIRMEE','ANNULEE') AND lease_owner IS NOT NULL",
        );
        expect(held, 'unfinished sagas still leased').to.equal(0);
        // The lease is 10 minutes: only a released lease lets the next instance finish now.
        const second = await spawnOrchestrateur(env);
        try {
          await waitFor(
            'all terminal',
            async () => (await count("etat_actuel NOT IN ('CONFIRMEE','ANNULEE')")) === 0,
          );
        } finally {
          second.proc.kill('SIGTERM');
          await second.exited;
        }
        await expectBooksBalanced(probe, fake, initial);
      } finally {
        await probe.destroy();
      }
    } finally {
      fake.latencyMs = 0;
      first.proc.kill('SIGKILL');
    }
  });
});
