import { expect } from 'chai';
import type { Knex } from 'knex';
import { createDb } from '../../src/lib/db.js';
import type { Orchestrateur } from '../../src/orchestrateur/app.js';
import { expectBooksBalanced } from '../support/books.js';
import { checkout } from '../support/checkout.js';
import { type ChildOrchestrateur, spawnOrchestrateur } from '../support/child-orchestrateur.js';
import { FakeParticipants } from '../support/fake-participants.js';
import { startTestOrchestrateur } from '../support/orchestrateur.js';
import { freshDatabaseUrl } from '../support/postgres.js';
import { participantsEnv, seedClients, waitFor } from '../support/sagas.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('an instance that stalls past its lease while another takes its saga over', function () {
  this.timeout(60_000);
  let fake: FakeParticipants;
  let db: Knex;
  let a: ChildOrchestrateur | undefined;
  let b: Orchestrateur | undefined;
  let url: string;

  before(async () => {
    fake = await new FakeParticipants().start();
    url = await freshDatabaseUrl('fencing');
    db = createDb({ url, poolMax: 2, applicationName: 'fencing-test' });
  });
  after(async () => {
    a?.proc.kill('SIGKILL');
    await b?.stop();
    await db.destroy();
    await fake.stop();
  });

  it('the stale instance never calls again; the new owner treats the step in flight as unknown', async () => {
    const initial = seedClients(fake, [7001], 71);
    const child = await spawnOrchestrateur({
      ...participantsEnv(fake.url),
      DATABASE_URL: url,
      SAGA_LEASE_MS: '1000',
      RECOVERY_INTERVAL_MS: '300',
      SAGA_RETRY_BASE_MS: '400',
      SAGA_RETRY_MAX_MS: '400',
    });
    a = child;
    // A's first payment attempt fails, and A stalls (SIGSTOP) in the backoff before its retry.
    fake.inject('payer', { kind: 'status', status: 503, hook: () => child.proc.kill('SIGSTOP') });
    void checkout(child.url, 7001).catch(() => undefined);
    await waitFor('A stalled', async () => fake.calls.some((c) => c.route === 'payer'));
    await sleep(1500); // A's lease runs out
    // B takes the saga over; its payment attempt is refused.
    fake.inject('payer', { kind: 'status', status: 402 });
    b = await startTestOrchestrateur(
      { ...participantsEnv(fake.url), RECOVERY_INTERVAL_MS: '100' },
      url,
    );
    const etat = async (): Promise<string | undefined> =>
      (
        await db.raw<{ rows: { etat_actuel: string }[] }>(
          'SELECT etat_actuel FROM commandes WHERE client_id = 7001',
        )
      ).rows[0]?.etat_actuel;
    await waitFor('B cancelled the commande', async () => (await etat()) === 'ANNULEE');

    child.proc.kill('SIGCONT'); // A wakes up, its backoff long over
    await sleep(1500);
    const payments = fake.calls.filter((c) => c.route === 'payer');
    expect(payments, 'A made no call after waking').to.have.length(2);
    const id = payments[0]?.key?.split(':')[0] ?? '';
    expect(
      fake.paiements.get(id)?.etat,
      'B refunded (tombstone) the payment A may have sent',
    ).to.equal('REMBOURSE');
    await expectBooksBalanced(db, fake, initial);
  });
});
