import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { GroupCommit } from '../../src/orchestrateur/data/group-commit.js';
import { insertCommande } from '../support/commandes.js';
import { checkout } from '../support/checkout.js';
import { failWrite } from '../support/db-faults.js';
import { error, participants } from '../support/nock-participants.js';
import { useOrchestrateur } from '../support/orchestrateur.js';

describe("one saga's bad data never fails another's", () => {
  const orch = useOrchestrateur();

  it('stores a participant message with a NUL byte and a surrogate pair cut in half, cleaned', async () => {
    const p = participants(51);
    p.lire_panier();
    // 9 + 490 characters, then an emoji whose two halves straddle the 500-character cut.
    const message = `bad\u0000byte ${'é'.repeat(490)}😀 and more`;
    p.reserver_stock(409, () => error('STOCK_INSUFFISANT', message));
    const res = await checkout(orch().url, 51);
    expect(res.status, res.text).to.equal(409);
    const stored = res.commande.echec?.message ?? '';
    expect(stored.startsWith('bad\uFFFDbyte ')).to.equal(true);
    expect(stored.includes('\u0000')).to.equal(false);
    expect(stored).to.not.match(/[\ud800-\udfff]/);
    expect(stored.length).to.be.at.most(500);
  });

  it('a row the database refuses fails alone: the other transitions of its batch commit', async () => {
    const db = orch().db;
    const writer = new GroupCommit({ durable: db }, 1);
    const ids = Array.from({ length: 6 }, () => randomUUID());
    for (const [i, id] of ids.entries()) {
      await insertCommande(db, {
        id,
        client_id: 5200 + i,
        magasin_id: 1,
        idempotencyKey: null,
        requestHash: 'h',
        owner: 'w',
        leaseMs: 60_000,
      });
    }
    await failWrite(db, { clientId: 5203, to: 'ECHEC_PANIER', times: 100 });
    const results = await Promise.allSettled(
      ids.map((id) =>
        writer.write(
          {
            id,
            from: 'INITIEE',
            reached: [{ etat: 'ECHEC_PANIER', ageMs: 0, detail: {} }],
            owner: 'w',
            leaseMs: 60_000,
            claim: false,
          },
          true,
        ),
      ),
    );
    expect(results.map((r) => r.status)).to.deep.equal([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
  });
});
