import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { compensationPlan, IllegalTransition, TransitionConflict } from '../../src/saga/index.js';
import { checkoutSaga } from '../../src/orchestrateur/checkout/checkout-saga.js';
import type { Commande } from '../../src/orchestrateur/checkout/commande.js';
import type { CheckoutParticipants } from '../../src/orchestrateur/checkout/checkout-saga.js';
import {
  ETATS_COMMANDE,
  type EtatCommande,
  transitions,
} from '../../src/orchestrateur/checkout/transitions.js';
import { checkoutDefinitions } from '../../src/orchestrateur/checkout/versions.js';
import { CommandeWrites } from '../../src/orchestrateur/data/commande-writes.js';
import { GroupCommit } from '../../src/orchestrateur/data/group-commit.js';
import { insertCommande, orchestrateurDb, TODAY } from '../support/commandes.js';

const OWNER = 'test-owner';
/** The transitions are checked against the table of today's definition. */
const definitions = checkoutDefinitions({} as never);

const isAllowed = (from: EtatCommande, to: EtatCommande): boolean =>
  transitions[from].next.includes(to);

describe('transition table and the guarded transition', () => {
  let db: Knex;
  let committed: string[];
  let store: CommandeWrites;

  before(async () => {
    db = await orchestrateurDb('transitions', 4);
  });
  after(async () => {
    await db.destroy();
  });
  beforeEach(() => {
    committed = [];
    store = new CommandeWrites({
      db,
      group: new GroupCommit({ durable: db }),
      definitions,
      owner: OWNER,
      leaseMs: 60_000,
      writeBehindMs: 0,
      onCommitted: (_s, t) => void committed.push(t.to),
    });
  });

  async function commandeIn(etat: EtatCommande): Promise<Commande> {
    const id = randomUUID();
    const w = await insertCommande(db, {
      id,
      client_id: 1,
      magasin_id: 1,
      idempotencyKey: null,
      requestHash: 'h',
      owner: OWNER,
      leaseMs: 60_000,
    });
    await db.raw('UPDATE commandes SET etat_actuel = ? WHERE id = ?', [etat, id]);
    const at = w?.at ?? new Date();
    return {
      id,
      definition: TODAY,
      etat,
      echec: null,
      suspension: null,
      version: 1,
      created_at: at,
      updated_at: at,
      historique: [],
      data: { client_id: 1, magasin_id: 1, lignes: null, total_cents: null },
    };
  }

  const historyOf = async (id: string): Promise<string[]> =>
    (
      await db.raw<{ rows: { etat: string }[] }>(
        'SELECT etat FROM etat_saga WHERE commande_id = ? ORDER BY version',
        [id],
      )
    ).rows.map((r) => r.etat);

  it('is a saga the engine accepts: every état reached, terminal ones without successor', () => {
    const saga = checkoutSaga({} as CheckoutParticipants);
    expect(saga.isTerminal('CONFIRMEE') && saga.isTerminal('ANNULEE')).to.equal(true);
    expect(ETATS_COMMANDE.filter((e) => saga.isTerminal(e))).to.have.length(2);
  });

  for (const from of ETATS_COMMANDE) {
    for (const to of ETATS_COMMANDE) {
      if (isAllowed(from, to)) {
        it(`allows ${from} → ${to}: one guarded update plus its history row, counted after commit`, async () => {
          const c = await commandeIn(from);
          const next = await store.apply(c, { from, to, detail: { test: true } });
          expect(next.etat).to.equal(to);
          expect(next.version).to.equal(2);
          const row = (
            await db.raw<{ rows: { etat_actuel: string; version: number }[] }>(
              'SELECT etat_actuel, version FROM commandes WHERE id = ?',
              [c.id],
            )
          ).rows[0];
          expect(row).to.deep.equal({ etat_actuel: to, version: 2 });
          expect(await historyOf(c.id)).to.deep.equal(['INITIEE', to]);
          expect(committed).to.deep.equal([to]);
        });
      } else {
        it(`refuses ${from} → ${to} before any SQL`, async () => {
          const c: Commande = {
            id: randomUUID(),
            definition: TODAY,
            etat: from,
            echec: null,
            suspension: null,
            version: 1,
            created_at: new Date(),
            updated_at: new Date(),
            historique: [],
            data: { client_id: 1, magasin_id: 1, lignes: null, total_cents: null },
          };
          const sqlAttempted = new Proxy(
            {},
            {
              get: () => {
                throw new Error('SQL attempted');
              },
            },
          ) as Knex;
          const noDb = new CommandeWrites({
            db: sqlAttempted,
            group: new GroupCommit({ durable: sqlAttempted }),
            definitions,
            owner: OWNER,
            leaseMs: 1000,
            writeBehindMs: 0,
            onCommitted: () => void committed.push(to),
          });
          let caught: unknown;
          try {
            await noDb.apply(c, { from, to, detail: {} });
          } catch (err) {
            caught = err;
          }
          expect(caught).to.be.instanceOf(IllegalTransition);
          expect(committed).to.deep.equal([]);
        });
      }
    }
  }

  it('refuses a stale transition: the row moved on, nothing is written or counted', async () => {
    const c = await commandeIn('STOCK_RESERVE');
    await store.apply(c, { from: 'STOCK_RESERVE', to: 'PAIEMENT_EFFECTUE', detail: {} });
    committed = [];
    let caught: unknown;
    try {
      // Another runner still believes the saga is in STOCK_RESERVE.
      await store.apply(c, { from: 'STOCK_RESERVE', to: 'ECHEC_PAIEMENT', detail: {} });
    } catch (err) {
      caught = err;
    }
    expect(caught).to.be.instanceOf(TransitionConflict);
    expect(await historyOf(c.id)).to.deep.equal(['INITIEE', 'PAIEMENT_EFFECTUE']);
    expect(committed).to.deep.equal([]);
  });

  it('refuses a transition on a saga another instance took over', async () => {
    const c = await commandeIn('PANIER_RECUPERE');
    await db.raw("UPDATE commandes SET lease_owner = 'someone-else' WHERE id = ?", [c.id]);
    let caught: unknown;
    try {
      await store.apply(c, { from: 'PANIER_RECUPERE', to: 'STOCK_RESERVE', detail: {} });
    } catch (err) {
      caught = err;
    }
    expect(caught).to.be.instanceOf(TransitionConflict);
    expect(await historyOf(c.id)).to.deep.equal(['INITIEE']);
  });

  it('of two racing transitions from the same state, exactly one wins', async () => {
    const c = await commandeIn('PAIEMENT_EFFECTUE');
    const results = await Promise.allSettled([
      store.apply(c, { from: 'PAIEMENT_EFFECTUE', to: 'COMMANDE_ENREGISTREE', detail: {} }),
      store.apply(c, { from: 'PAIEMENT_EFFECTUE', to: 'ECHEC_ENREGISTREMENT', detail: {} }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    expect((await historyOf(c.id)).length).to.equal(2);
  });

  describe('compensation plan', () => {
    const saga = checkoutSaga({} as CheckoutParticipants);
    const plan = (etat: EtatCommande, type: 'METIER' | 'TECHNIQUE', incertain = false) =>
      compensationPlan(saga, etat, { etape: 'x', code: 'X', message: '', type, incertain });
    it('undoes only what happened after a business refusal', () => {
      expect(plan('ECHEC_PANIER', 'METIER')).to.deep.equal([]);
      expect(plan('ECHEC_STOCK', 'METIER')).to.deep.equal([]);
      expect(plan('ECHEC_PAIEMENT', 'METIER')).to.deep.equal(['liberer_stock']);
      expect(plan('ECHEC_ENREGISTREMENT', 'METIER')).to.deep.equal(['rembourser', 'liberer_stock']);
    });
    it('undoes the refused step too when an earlier attempt of it had an unknown outcome', () => {
      expect(plan('ECHEC_STOCK', 'METIER', true)).to.deep.equal(['liberer_stock']);
      expect(plan('ECHEC_PAIEMENT', 'METIER', true)).to.deep.equal(['rembourser', 'liberer_stock']);
    });
    it('also undoes the failed step when its effect is unknown', () => {
      expect(plan('ECHEC_PANIER', 'TECHNIQUE')).to.deep.equal([]);
      expect(plan('ECHEC_STOCK', 'TECHNIQUE')).to.deep.equal(['liberer_stock']);
      expect(plan('ECHEC_PAIEMENT', 'TECHNIQUE')).to.deep.equal(['rembourser', 'liberer_stock']);
      expect(plan('ECHEC_ENREGISTREMENT', 'TECHNIQUE')).to.deep.equal([
        'rembourser',
        'liberer_stock',
      ]);
    });
  });
});
