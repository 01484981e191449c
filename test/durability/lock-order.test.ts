import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { renewLeases } from '../../src/orchestrateur/data/commandes-repo.js';
import { applyWrites, type SagaWrite } from '../../src/orchestrateur/data/saga-writes.js';
import { insertCommande, orchestrateurDb } from '../support/commandes.js';

const OWNER = 'lock-order';

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('lease renewal and grouped transitions of one instance', function () {
  this.timeout(60_000);
  let db: Knex;
  before(async () => {
    db = await orchestrateurDb('locks', 8);
  });
  after(async () => {
    await db.destroy();
  });

  it('never deadlock, whatever order their rows come in', async () => {
    const ids = Array.from({ length: 400 }, () => randomUUID());
    for (const id of ids) {
      await insertCommande(db, {
        id,
        client_id: 1,
        magasin_id: 1,
        idempotencyKey: null,
        requestHash: 'h',
        owner: OWNER,
        leaseMs: 60_000,
      });
    }
    // A table of realistic size: the planner then finds a batch's rows by index, in the
    // order the batch lists them, and the renewal's rows in its own index order.
    await db.raw(`INSERT INTO commandes (id, client_id, magasin_id, etat_actuel, request_hash,
                                         definition_nom, definition_version)
                  SELECT gen_random_uuid(), 1, 1, 'ANNULEE', 'filler', 'commande', 'filler'
                  FROM generate_series(1, 30000)`);
    await db.raw('ANALYZE commandes');
    // Both write the same unfinished sagas; each round moves them one état on, then back.
    const reset = `UPDATE commandes SET etat_actuel = 'PANIER_RECUPERE' WHERE lease_owner = '${OWNER}'`;
    await db.raw(reset);
    const errors: string[] = [];
    for (let round = 0; round < 12; round += 1) {
      const writes = shuffled(ids, round + 1).map((id): SagaWrite => ({
        id,
        from: 'PANIER_RECUPERE',
        reached: [{ etat: 'STOCK_RESERVE', ageMs: 0, detail: {} }],
        owner: OWNER,
        leaseMs: 60_000,
        claim: false,
      }));
      const results = await Promise.allSettled([
        applyWrites(db, writes.slice(0, 200)),
        renewLeases(db, OWNER, shuffled(ids, round + 7), 60_000),
        applyWrites(db, writes.slice(200)),
        renewLeases(db, OWNER, shuffled(ids, round + 13), 60_000),
      ]);
      for (const r of results) {
        if (r.status === 'rejected') errors.push((r.reason as Error).message);
      }
      await db.raw(reset);
    }
    expect(errors).to.deep.equal([]);
  });
});
