import { expect } from 'chai';
import type { Knex } from 'knex';
import { expectBooksBalanced } from '../support/books.js';
import {
  type ChildOrchestrateur,
  childDatabase,
  FAST_RECOVERY,
  spawnOrchestrateur,
} from '../support/child-orchestrateur.js';
import { FakeParticipants, type Fault } from '../support/fake-participants.js';
import { call } from '../support/orchestrateur.js';

/**
 * Found by a 10-minute chaos run: an instance records the sale (the pivot) and dies before
 * its forward progress is written (write-behind); the instance that takes the saga over
 * starts from the last written état and, on a step that keeps failing for a moment, used to
 * compensate: stock released and money refunded for a commande whose sale stands.
 */
describe('a saga taken over after its pivot, whose progress was not written', function () {
  this.timeout(60_000);
  let fake: FakeParticipants;
  let db: Knex;
  let env: Record<string, string>;
  const children: ChildOrchestrateur[] = [];

  before(async () => {
    fake = await new FakeParticipants().start();
    ({ db, env } = await childDatabase('pivot', fake.url, {
      ...FAST_RECOVERY,
      // Progress past the cart is held back long enough for the kill to lose it.
      SAGA_WRITE_BEHIND_MS: '30000',
      SAGA_STEP_RETRIES: '2',
    }));
  });

  afterEach(async () => {
    fake.clearFaults();
    for (const c of children.splice(0)) {
      c.proc.kill('SIGKILL');
      await c.exited;
    }
  });
  after(async () => {
    await db.destroy();
    await fake.stop();
  });

  const spawn = async (): Promise<ChildOrchestrateur> => {
    const child = await spawnOrchestrateur(env);
    children.push(child);
    return child;
  };

  for (const [route, step] of [
    ['reserver_stock', 'stock'],
    ['payer', 'paiement'],
  ] as const) {
    it(`goes forward when ${step} keeps failing for a while: never undoes what the sale stands on`, async () => {
      const clientId = route === 'reserver_stock' ? 1 : 2;
      const produit = 40 + clientId;
      fake.carts.set(clientId, [{ produit_id: produit, quantite: 2, prix_unitaire_cents: 700 }]);
      fake.soldes.set(clientId, 10_000);
      fake.setStock(1, produit, 5);
      const initial = {
        soldes: new Map([[clientId, 10_000]]),
        stock: new Map([[`1:${produit}`, 5]]),
      };

      const first = await spawn();
      fake.inject('vider_panier', {
        kind: 'before-effect',
        hook: () => first.proc.kill('SIGKILL'),
      });
      const checkout = {
        json: { client_id: clientId, magasin_id: 1 },
        headers: { 'idempotency-key': `pivot-${step}` },
      };
      await call(first.url, 'POST', '/api/commande/checkout', checkout).catch(() => undefined);
      await first.exited;
      const [written] = (
        await db.raw<{ rows: { id: string; etat_actuel: string }[] }>(
          'SELECT id, etat_actuel FROM commandes WHERE client_id = ?',
          [clientId],
        )
      ).rows;
      expect(written?.etat_actuel, 'progress past the cart was held back').to.equal(
        'PANIER_RECUPERE',
      );
      const id = written?.id ?? '';
      expect(fake.ventes.has(id), 'the sale was recorded').to.equal(true);

      // More failures in a row than a step's retries: the taken-over saga must wait them out.
      const unavailable: Fault = { kind: 'status', status: 503 };
      fake.inject(route, ...Array.from({ length: 6 }, () => unavailable));
      await spawn();
      const until = Date.now() + 20_000;
      let etat = written?.etat_actuel;
      while (etat !== 'CONFIRMEE' && etat !== 'ANNULEE' && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 100));
        etat = (
          await db.raw<{ rows: { etat_actuel: string }[] }>(
            'SELECT etat_actuel FROM commandes WHERE id = ?',
            [id],
          )
        ).rows[0]?.etat_actuel;
      }
      expect(etat).to.equal('CONFIRMEE');
      await expectBooksBalanced(db, fake, initial);
    });
  }
});
