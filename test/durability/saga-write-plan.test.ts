import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { applyWrites, type SagaWrite } from '../../src/orchestrateur/data/saga-writes.js';
import { insertCommande, orchestrateurDb } from '../support/commandes.js';

const OWNER = 'write-plan';

/**
 * Every transition of every saga goes through one statement. It must find the rows it moves
 * through the primary key: a table of a few thousand commandes once made the planner lock
 * them through a scan of the whole table (0.5 ms a write at 4,500 rows, growing with the
 * table until the planner switched to the index at some tens of thousands).
 */
describe('the grouped saga write', function () {
  this.timeout(60_000);
  let db: Knex;
  before(async () => {
    // One connection: the statistics read below are those this backend flushed.
    db = await orchestrateurDb('write_plan', 1);
  });
  after(async () => {
    await db?.destroy();
  });

  const scans = async (): Promise<{ seq: number; tuples: number }> => {
    await db.raw('SELECT pg_stat_force_next_flush()');
    const { rows } = await db.raw<{ rows: { seq: number; tuples: number }[] }>(
      `SELECT seq_scan::int AS seq, seq_tup_read::int AS tuples
         FROM pg_stat_user_tables WHERE relname = 'commandes'`,
    );
    return rows[0] ?? { seq: -1, tuples: -1 };
  };

  it('moves sagas without reading the rest of the table', async () => {
    const ids = Array.from({ length: 24 }, () => randomUUID());
    for (const id of ids) {
      await insertCommande(db, {
        ...{ id, client_id: 1, magasin_id: 1, idempotencyKey: null, requestHash: 'h' },
        ...{ owner: OWNER, leaseMs: 60_000 },
      });
    }
    await db.raw(`INSERT INTO commandes (id, client_id, magasin_id, etat_actuel, request_hash,
                                         definition_nom, definition_version)
                  SELECT gen_random_uuid(), 1, 1, 'ANNULEE', 'filler', 'commande', 'filler'
                  FROM generate_series(1, 3000)`);
    await db.raw('ANALYZE commandes');
    const before = await scans();
    // Twelve batches of two: past the five custom plans, into the prepared generic one.
    for (let i = 0; i < ids.length; i += 2) {
      const writes = ids.slice(i, i + 2).map((id): SagaWrite => ({
        id,
        from: 'INITIEE',
        reached: [{ etat: 'PANIER_RECUPERE', ageMs: 0, detail: {} }],
        owner: OWNER,
        leaseMs: 60_000,
        claim: false,
      }));
      const written = await applyWrites(db, writes);
      expect(written.map((w) => w?.version)).to.deep.equal([2, 2]);
    }
    expect(await scans()).to.deep.equal(before);
  });
});
