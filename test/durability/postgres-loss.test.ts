import { expect } from 'chai';
import { commitsAsync } from '../../src/orchestrateur/data/durability.js';
import type { EtatCommande } from '../../src/orchestrateur/checkout/transitions.js';
import { expectBooksBalanced } from '../support/books.js';
import { checkout } from '../support/checkout.js';
import { forwardPath } from '../support/saga-paths.js';
import { seedClients, useFakeSystem, waitFor } from '../support/sagas.js';

/**
 * What PostgreSQL can lose in a crash: every transition committed without waiting for the
 * WAL flush since the last one that was flushed. The worst case, just before the end of a
 * saga whose every effect has happened, is to find it back at the last flushed état.
 */
function lastFlushedBefore(end: number): number {
  const path = forwardPath();
  for (let k = end - 1; k > 0; k -= 1) {
    if (!commitsAsync(path[k] as EtatCommande)) return k;
  }
  return 0; // the creation is always flushed
}

describe('a PostgreSQL crash that loses unflushed transitions', function () {
  this.timeout(30_000);
  const system = useFakeSystem('pgloss', { RECOVERY_INTERVAL_MS: '100', SAGA_LEASE_MS: '1000' });

  /** Puts the commande back as the crash left it: at état `k` of the forward path. */
  async function rewind(id: string, k: number): Promise<void> {
    const etat = forwardPath()[k] as EtatCommande;
    await system().orch.db.raw('DELETE FROM etat_saga WHERE commande_id = ? AND version > ?', [
      id,
      k + 1,
    ]);
    await system().orch.db.raw(
      `UPDATE commandes SET etat_actuel = :etat, version = :version, lease_until = now(),
              lignes = CASE WHEN :k = 0 THEN NULL ELSE lignes END,
              total_cents = CASE WHEN :k = 0 THEN NULL ELSE total_cents END
        WHERE id = :id`,
      { etat, version: k + 1, k, id },
    );
  }

  it('never re-reads the cart once an effect may have happened: the saga ends as it would have', async () => {
    const initial = seedClients(system().fake, [6001], 61);
    const done = await checkout(system().orch.url, 6001);
    expect(done.status).to.equal(201);
    expect(system().fake.carts.get(6001), 'the cart was emptied').to.deep.equal([]);
    const k = lastFlushedBefore(forwardPath().length - 1);
    await rewind(done.commande.id, k);
    await waitFor('the saga ended again', async () => {
      const { rows } = await system().orch.db.raw<{ rows: { etat_actuel: string }[] }>(
        'SELECT etat_actuel FROM commandes WHERE id = ?',
        [done.commande.id],
      );
      return ['CONFIRMEE', 'ANNULEE'].includes(rows[0]?.etat_actuel ?? '');
    });
    const rows = await expectBooksBalanced(system().orch.db, system().fake, initial);
    expect(rows.find((r) => r.id === done.commande.id)?.etat_actuel).to.equal('CONFIRMEE');
  });
});
