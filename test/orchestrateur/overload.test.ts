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
