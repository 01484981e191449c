import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { createDb } from '../../src/lib/db.js';
import { insertCommande } from '../support/commandes.js';
import { call } from '../support/orchestrateur.js';
import { spawnOrchestrateur } from '../support/child-orchestrateur.js';
import { FakeParticipants } from '../support/fake-participants.js';
import { freshDatabaseUrl } from '../support/postgres.js';
import { participantsEnv, seedClients, waitFor } from '../support/sagas.js';

describe('request ids of the calls a saga makes', function () {
  this.timeout(30_000);

  it("each saga's calls carry one id of the orchestrator's own, recovered sagas too; logs name both", async () => {
    const fake = await new FakeParticipants().start();
    const url = await freshDatabaseUrl('reqids');
    seedClients(fake, [9001, 9002], 91);
    const child = await spawnOrchestrateur({
      ...participantsEnv(fake.url),
      DATABASE_URL: url,
      RECOVERY_INTERVAL_MS: '100',
      LOG_LEVEL: 'debug',
    });
    const db = createDb({ url, poolMax: 1, applicationName: 'reqids-test' });
    try {
      const res = await call(child.url, 'POST', '/api/commande/checkout', {
        json: { client_id: 9001, magasin_id: 1 },
        headers: { 'x-request-id': 'caller-abc' },
      });
      expect(res.status).to.equal(201);
      const ids = new Set(fake.calls.map((c) => c.requestId));
      expect(ids.size, 'one id for the whole call chain').to.equal(1);
      const [own] = [...ids];
      expect(own).to.be.a('string').and.not.equal('caller-abc');
      expect(
        child.logs.some((l) => l.requestId === 'caller-abc' && l.sagaRequestId === own),
        'a log line names both',
      ).to.equal(true);

      // A saga left behind by a dead instance.
      fake.calls.length = 0;
      await insertCommande(db, {
        id: randomUUID(),
        client_id: 9002,
        magasin_id: 1,
        idempotencyKey: null,
        requestHash: 'x',
        owner: 'dead',
        leaseMs: -1000,
      });
      await waitFor('the recovered saga ran', async () =>
        fake.calls.some((c) => c.route === 'vider_panier'),
      );
      const recovered = new Set(fake.calls.map((c) => c.requestId));
      expect(recovered.size).to.equal(1);
      expect([...recovered][0])
        .to.be.a('string')
        .and.not.equal(own);
    } finally {
      child.proc.kill('SIGKILL');
      await db.destroy();
      await fake.stop();
    }
  });
});
