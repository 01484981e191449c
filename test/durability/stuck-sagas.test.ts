import { expect } from 'chai';
import { expectBooksBalanced } from '../support/books.js';
import { checkout } from '../support/checkout.js';
import { failWrite } from '../support/db-faults.js';
import { seedClients, useFakeSystem, waitFor } from '../support/sagas.js';

describe('no saga ever sticks', function () {
  this.timeout(30_000);
  const system = useFakeSystem('stuck', {
    SAGA_LEASE_MS: '1500',
    RECOVERY_INTERVAL_MS: '100',
    SAGA_STEP_TIMEOUT_MS: '10000',
  });

  /** The client's saga has called the sales service. */
  const atSale = (clientId: number): Promise<boolean> =>
    Promise.resolve(
      system().fake.calls.some(
        (c) =>
          c.route === 'enregistrer_vente' &&
          (c.body as { client_id?: number }).client_id === clientId,
      ),
    );

  const etatOf = async (clientId: number): Promise<string | undefined> => {
    const { rows } = await system().orch.db.raw<{ rows: { etat_actuel: string }[] }>(
      'SELECT etat_actuel FROM commandes WHERE client_id = ?',
      [clientId],
    );
    return rows[0]?.etat_actuel;
  };

  it('a saga stopped by an unexpected database error is taken up again at once, while others run', async () => {
    const initial = seedClients(system().fake, [4001, 4002], 41);
    await failWrite(system().orch.db, { clientId: 4001, to: 'CONFIRMEE', times: 1 });
    // Another saga stays in flight (its sale answers in 5 s) the whole time.
    system().fake.inject('enregistrer_vente', { kind: 'delay', ms: 5000 });
    const other = checkout(system().orch.url, 4002);
    await waitFor('the other saga at its sale', async () => atSale(4002));
    const victim = await checkout(system().orch.url, 4001);
    expect(victim.status, 'its write failed: not finished within the answer').to.equal(202);
    const started = Date.now();
    await waitFor('the victim confirmed', async () => (await etatOf(4001)) === 'CONFIRMEE', 3000);
    expect(await etatOf(4002), 'the other saga is still running').to.not.equal('CONFIRMEE');
    expect(Date.now() - started).to.be.lessThan(3000);
    await other;
    await waitFor('all confirmed', async () => (await etatOf(4002)) === 'CONFIRMEE');
    await expectBooksBalanced(system().orch.db, system().fake, initial);
  });

  it('when it cannot even hand the saga back, its lease runs out although others still run', async () => {
    const initial = seedClients(system().fake, [4003, 4004], 42);
    await failWrite(system().orch.db, { clientId: 4003, to: 'CONFIRMEE', times: 1 });
    await failWrite(system().orch.db, { clientId: 4003, handBack: true, times: 1 });
    system().fake.inject('enregistrer_vente', { kind: 'delay', ms: 6000 });
    const other = checkout(system().orch.url, 4004);
    await waitFor('the other saga at its sale', async () => atSale(4004));
    expect((await checkout(system().orch.url, 4003)).status).to.equal(202);
    // Lease 1.5 s, recovery every 0.1 s: well before the other saga ends.
    await waitFor('the victim confirmed', async () => (await etatOf(4003)) === 'CONFIRMEE', 4000);
    expect(await etatOf(4004), 'the other saga is still running').to.not.equal('CONFIRMEE');
    await other;
    await waitFor('all confirmed', async () => (await etatOf(4004)) === 'CONFIRMEE');
    await expectBooksBalanced(system().orch.db, system().fake, initial);
  });
});
