import { expect } from 'chai';
import { expectBooksBalanced } from '../support/books.js';
import { checkout } from '../support/checkout.js';
import { failWrite } from '../support/db-faults.js';
import { seedClients, useFakeSystem } from '../support/sagas.js';

/**
 * Forward progress held back (write-behind) goes with the saga's next write. When the
 * database refuses such a held-back write while the next, flushed one waits behind it, the
 * next one must carry the refused progress too: built from the saga's own view, its guard
 * would not match the row, and the saga used to take that for "no longer ours", keeping its
 * lease until it ran out and answering 202 for a checkout whose sale was done.
 */
describe('a held-back write the database refuses', function () {
  this.timeout(30_000);
  const system = useFakeSystem('writebehind', {
    SAGA_WRITE_BEHIND_MS: '20',
    SAGA_STEP_TIMEOUT_MS: '5000',
  });

  it('is written again with the next write: the checkout confirms at once', async () => {
    const { fake, orch } = system();
    const initial = seedClients(fake, [7001], 71);
    // The held-back STOCK_RESERVE is refused slowly: the rest of the saga queues behind it.
    await failWrite(orch.db, { clientId: 7001, to: 'STOCK_RESERVE', times: 1, sleepMs: 300 });
    fake.inject('payer', { kind: 'delay', ms: 60 });
    const res = await checkout(orch.url, 7001);
    expect(res.status, res.text).to.equal(201);
    expect(res.commande.etat).to.equal('CONFIRMEE');
    const { rows } = await orch.db.raw<{ rows: { etat: string }[] }>(
      'SELECT etat FROM etat_saga WHERE commande_id = ? ORDER BY version',
      [res.commande.id],
    );
    expect(rows.map((r) => r.etat)).to.deep.equal([
      'INITIEE',
      'PANIER_RECUPERE',
      'STOCK_RESERVE',
      'PAIEMENT_EFFECTUE',
      'COMMANDE_ENREGISTREE',
      'CONFIRMEE',
    ]);
    await expectBooksBalanced(orch.db, fake, initial);
  });
});

/**
 * A write committed without waiting for the WAL flush can be lost in a crash of
 * PostgreSQL, lease and all: only flushed writes (and lease renewals, always flushed) move
 * the instance's own lease deadline. With renewals refused, progress written
 * asynchronously must not keep the instance acting past the lease it can prove.
 */
describe('the lease an instance believes it holds', function () {
  this.timeout(30_000);
  const system = useFakeSystem('unflushed', {
    SAGA_WRITE_BEHIND_MS: '0',
    SAGA_LEASE_MS: '900',
    RECOVERY_INTERVAL_MS: '800',
    SAGA_STEP_TIMEOUT_MS: '5000',
  });

  it('is not extended by writes that may be lost: the saga stops when it runs out', async () => {
    const { fake, orch } = system();
    seedClients(fake, [7101], 72);
    await failWrite(orch.db, { clientId: 7101, renewal: true, times: 1_000_000 });
    for (const route of ['reserver_stock', 'payer', 'enregistrer_vente'] as const) {
      fake.inject(route, { kind: 'delay', ms: 300 });
    }
    const res = await checkout(orch.url, 7101);
    expect(res.status, 'stopped before the cart was emptied, left to recovery').to.equal(202);
    expect(fake.calls.filter((c) => c.route === 'vider_panier')).to.have.length(0);
  });
});
