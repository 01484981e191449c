import { expect } from 'chai';
import type { Orchestrateur } from '../../src/orchestrateur/app.js';
import { checkout, expectError } from '../support/checkout.js';
import { FakeParticipants } from '../support/fake-participants.js';
import { startTestOrchestrateur } from '../support/orchestrateur.js';
import { participantsEnv } from '../support/sagas.js';

describe('POST /api/commande/checkout — overload', () => {
  let fake: FakeParticipants;
  let orch: Orchestrateur;
  before(async () => {
    fake = await new FakeParticipants().start();
    fake.setStock(1, 1, 100);
    for (const c of [1, 2, 3]) {
      fake.carts.set(c, [{ produit_id: 1, quantite: 1, prix_unitaire_cents: 100 }]);
      fake.soldes.set(c, 10_000);
    }
    orch = await startTestOrchestrateur({
      ...participantsEnv(fake.url),
      SAGA_MAX_IN_FLIGHT: '1',
      SAGA_MAX_QUEUED: '1',
    });
  });
  after(async () => {
    await orch.stop();
    await fake.stop();
  });

  it('queues up to SAGA_MAX_QUEUED, then refuses with 503 + Retry-After and writes nothing', async () => {
    fake.inject('lire_panier', { kind: 'delay', ms: 300 });
    const [first, second, third] = await Promise.all([
      checkout(orch.url, 1),
      new Promise((r) => setTimeout(r, 50)).then(() => checkout(orch.url, 2)),
      new Promise((r) => setTimeout(r, 100)).then(() => checkout(orch.url, 3)),
    ]);
    expect(first.status).to.equal(201);
    expect(second.status, 'queued, then run').to.equal(201);
    expectError(third, 503, 'SURCHARGE');
    expect(third.headers['retry-after']).to.equal('1');
    const { rows } = await orch.db.raw<{ rows: { client_id: number }[] }>(
      'SELECT client_id FROM commandes ORDER BY client_id',
    );
    expect(rows.map((r) => r.client_id)).to.deep.equal([1, 2]);
  });
});

describe('POST /api/commande/checkout — a burst past the admission limit', () => {
  const RUNNING = 4;
  const BURST = 20;
  let fake: FakeParticipants;
  let orch: Orchestrateur;
  before(async () => {
    fake = await new FakeParticipants().start();
    fake.setStock(1, 1, 1000);
    for (let c = 1; c <= BURST; c += 1) {
      fake.carts.set(c, [{ produit_id: 1, quantite: 1, prix_unitaire_cents: 100 }]);
      fake.soldes.set(c, 10_000);
    }
    // SAGA_MAX_QUEUED left to its default: as many waiting as running.
    orch = await startTestOrchestrateur({
      ...participantsEnv(fake.url),
      SAGA_MAX_IN_FLIGHT: String(RUNNING),
    });
  });
  after(async () => {
    await orch.stop();
    await fake.stop();
  });

  it('admits the first arrivals in order, refuses the rest at once with Retry-After, and loses none', async () => {
    // Every saga holds its slot for 300 ms on the cart read: the burst outruns them.
    fake.inject(
      'lire_panier',
      ...Array.from({ length: BURST }, () => ({ kind: 'delay' as const, ms: 300 })),
    );
    const sent: Promise<{ client: number; status: number; ms: number; retryAfter: unknown }>[] = [];
    for (let client = 1; client <= BURST; client += 1) {
      const started = performance.now();
      sent.push(
        checkout(orch.url, client).then((res) => ({
          client,
          status: res.status,
          ms: performance.now() - started,
          retryAfter: res.headers['retry-after'],
        })),
      );
      await new Promise((r) => setTimeout(r, 5)); // arrival order = client order
    }
    const answers = await Promise.all(sent);
    const admitted = answers.filter((a) => a.status === 201).map((a) => a.client);
    const refused = answers.filter((a) => a.status === 503);
    expect(admitted, 'the first arrivals, running then waiting').to.deep.equal(
      Array.from({ length: 2 * RUNNING }, (_v, i) => i + 1),
    );
    expect(refused.map((a) => a.client)).to.deep.equal(
      Array.from({ length: BURST - 2 * RUNNING }, (_v, i) => 2 * RUNNING + i + 1),
    );
    for (const r of refused) {
      expect(r.retryAfter).to.equal('1');
      // Early: well before a single saga (300 ms) could have ended.
      expect(r.ms, `client ${r.client} refused after ${r.ms} ms`).to.be.below(250);
    }
    // The waiting ones started only once the running ones had ended. Within each group the
    // order of the inserts is the event loop's and the pool's, not the admission's (which
    // admission.test.ts checks): they start within a few ms of each other, so it is not asserted.
    const { rows } = await orch.db.raw<{ rows: { client_id: number; etat_actuel: string }[] }>(
      'SELECT client_id, etat_actuel FROM commandes ORDER BY created_at, client_id',
    );
    const started = rows.map((r) => r.client_id);
    const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
    expect(sorted(started.slice(0, RUNNING)), 'running first').to.deep.equal(
      admitted.slice(0, RUNNING),
    );
    expect(sorted(started.slice(RUNNING)), 'then the waiting ones').to.deep.equal(
      admitted.slice(RUNNING),
    );
    expect(rows.every((r) => r.etat_actuel === 'CONFIRMEE')).to.equal(true);

    // Nothing was done for a refused checkout: tried again, each confirms, once.
    fake.clearFaults();
    for (const r of refused) expect((await checkout(orch.url, r.client)).status).to.equal(201);
    const { rows: all } = await orch.db.raw<{ rows: { n: number; clients: number }[] }>(
      `SELECT count(*)::int AS n, count(DISTINCT client_id)::int AS clients FROM commandes
        WHERE etat_actuel = 'CONFIRMEE'`,
    );
    expect(all[0]).to.deep.equal({ n: BURST, clients: BURST });
  });
});
