import { expect } from 'chai';
import type { Knex } from 'knex';
import { expectBooksBalanced } from '../support/books.js';
import {
  type ChildOrchestrateur,
  childDatabase,
  FAST_RECOVERY,
  spawnOrchestrateur,
} from '../support/child-orchestrateur.js';
import { FakeParticipants, type Fault, type Route } from '../support/fake-participants.js';
import { call } from '../support/orchestrateur.js';

const PRIX = 1000;
const TERMINAL = ['CONFIRMEE', 'ANNULEE'];

interface Scenario {
  name: string;
  route: Route;
  phase: 'before-effect' | 'after-effect' | 'after-answer';
  /** Sets up the client so that the saga reaches `route` (e.g. a refused payment for liberer). */
  setup: 'happy' | 'payment-refused' | 'sale-rejected';
}

const forward: [Route, Scenario['phase'][]][] = [
  ['lire_panier', ['before-effect', 'after-answer']],
  ['reserver_stock', ['before-effect', 'after-effect', 'after-answer']],
  ['payer', ['before-effect', 'after-effect', 'after-answer']],
  ['enregistrer_vente', ['before-effect', 'after-effect', 'after-answer']],
  ['vider_panier', ['before-effect', 'after-effect', 'after-answer']],
];
const SCENARIOS: Scenario[] = [
  ...forward.flatMap(([route, phases]) =>
    phases.map((phase): Scenario => ({ name: `${route}/${phase}`, route, phase, setup: 'happy' })),
  ),
  ...(['before-effect', 'after-effect', 'after-answer'] as const).flatMap((phase): Scenario[] => [
    { name: `liberer/${phase}`, route: 'liberer_stock', phase, setup: 'payment-refused' },
    { name: `rembourser/${phase}`, route: 'rembourser', phase, setup: 'sale-rejected' },
  ]),
];

describe('crash recovery: SIGKILL at every step boundary and inside every step', function () {
  this.timeout(240_000);
  let fake: FakeParticipants;
  let db: Knex;
  let env: Record<string, string>;
  let child: ChildOrchestrateur | undefined;
  const initial = { soldes: new Map<number, number>(), stock: new Map<string, number>() };

  before(async () => {
    fake = await new FakeParticipants().start();
    ({ db, env } = await childDatabase('crash', fake.url, {
      ...FAST_RECOVERY,
      SAGA_STEP_TIMEOUT_MS: '1000',
    }));
    child = await spawnOrchestrateur(env);
  });

  after(async () => {
    child?.proc.kill('SIGKILL');
    await child?.exited;
    await db.destroy();
    await fake.stop();
  });

  async function waitTerminal(clientId: number): Promise<{ id: string; etat_actuel: string }> {
    const until = Date.now() + 20_000;
    for (;;) {
      const { rows } = await db.raw<{ rows: { id: string; etat_actuel: string }[] }>(
        'SELECT id, etat_actuel FROM commandes WHERE client_id = ?',
        [clientId],
      );
      expect(rows.length, 'one commande, whatever the retries').to.be.at.most(1);
      const row = rows[0];
      if (row && TERMINAL.includes(row.etat_actuel)) return row;
      if (Date.now() > until)
        throw new Error(`client ${clientId}: still ${row?.etat_actuel ?? 'absent'}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  SCENARIOS.forEach((s, i) => {
    it(`killed at ${s.name}: a new instance drives the saga to its end and the books balance`, async () => {
      const clientId = 100 + i;
      const magasin = 1;
      const produit = 500 + i;
      fake.carts.set(clientId, [{ produit_id: produit, quantite: 2, prix_unitaire_cents: PRIX }]);
      fake.soldes.set(clientId, s.setup === 'payment-refused' ? 10 : 10_000);
      fake.setStock(magasin, produit, 5);
      initial.soldes.set(clientId, fake.soldes.get(clientId) ?? 0);
      initial.stock.set(`${magasin}:${produit}`, 5);
      if (s.setup === 'sale-rejected')
        fake.inject('enregistrer_vente', { kind: 'status', status: 422 });

      const victim = child as ChildOrchestrateur;
      let killed = false;
      const fault: Fault = {
        kind: s.phase,
        hook: () => {
          killed = true;
          victim.proc.kill('SIGKILL');
        },
      };
      fake.inject(s.route, fault);
      const checkout = {
        json: { client_id: clientId, magasin_id: magasin },
        headers: { 'idempotency-key': `crash-${s.name}` },
      };
      await call(victim.url, 'POST', '/api/commande/checkout', checkout).catch(() => undefined);
      expect(killed, 'the fault fired').to.equal(true);
      await victim.exited;

      child = await spawnOrchestrateur(env);
      // The client saw its connection drop: it sends the same request again, as any would.
      await call(child.url, 'POST', '/api/commande/checkout', checkout);
      const row = await waitTerminal(clientId);
      const expected = s.setup === 'happy' ? 'CONFIRMEE' : 'ANNULEE';
      expect(row.etat_actuel).to.equal(expected);
      const history = await db.raw<{ rows: { etat: string; version: number }[] }>(
        'SELECT etat, version FROM etat_saga WHERE commande_id = ? ORDER BY version',
        [row.id],
      );
      expect(history.rows.map((h) => h.version)).to.deep.equal(history.rows.map((_h, k) => k + 1));
      await expectBooksBalanced(db, fake, initial);
    });
  });
});
