import { expect } from 'chai';
import type { Knex } from 'knex';
import type { RunningService } from '../../src/lib/service.js';
import { Paniers } from '../../src/services/panier/paniers.js';
import type { Peers } from '../../src/services/panier/services-http.js';
import { startTestPanier } from './support/services.js';

/**
 * The database as a caller sees it when the connection drops right after a commit: the
 * transaction went through, every statement after it fails.
 */
function droppingAfterCommit(db: Knex): Knex {
  let committed = false;
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'transaction') {
        return async (work: (trx: Knex.Transaction) => Promise<unknown>) => {
          const result = await target.transaction(work);
          committed = true;
          return result;
        };
      }
      if (prop === 'raw' && committed) {
        return () => Promise.reject(new Error('Connection terminated unexpectedly'));
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

const peers = {
  prix: (id: number) => Promise.resolve({ id, prix_cents: 250 }),
  clientExists: () => Promise.resolve(true),
} as unknown as Peers;

describe('panier: the answer to a change it committed', () => {
  let panier: RunningService;
  before(async () => {
    // Its database only: the peers are stood in for, the HTTP side is not used.
    panier = await startTestPanier({
      produitsUrl: 'http://127.0.0.1:9',
      clientUrl: 'http://127.0.0.1:9',
    });
  });
  after(async () => {
    await panier.close();
  });

  const lignesOf = async (clientId: number) =>
    (
      await panier.db.raw<{ rows: { produit_id: number; quantite: number }[] }>(
        'SELECT produit_id, quantite FROM panier_lignes WHERE client_id = ? ORDER BY produit_id',
        [clientId],
      )
    ).rows;

  it('adding a line: never an error once the line is in (a retry would add it twice)', async () => {
    const paniers = new Paniers(droppingAfterCommit(panier.db), peers);
    const answer = await paniers.ajouter(7001, 3, 2);
    expect(answer.lignes).to.deep.equal([{ produit_id: 3, quantite: 2, prix_unitaire_cents: 250 }]);
    expect(await lignesOf(7001)).to.deep.equal([{ produit_id: 3, quantite: 2 }]);
  });

  it('changing and removing a line answer from the same transaction too', async () => {
    await new Paniers(panier.db, peers).ajouter(7002, 4, 1);
    const changed = await new Paniers(droppingAfterCommit(panier.db), peers).changer(7002, 4, 5);
    expect(changed.total_cents).to.equal(1250);
    const removed = await new Paniers(droppingAfterCommit(panier.db), peers).retirer(7002, 4);
    expect(removed.lignes).to.deep.equal([]);
  });
});
