import { expect } from 'chai';
import type { Knex } from 'knex';
import type { FakeParticipants } from './fake-participants.js';

interface Row {
  id: string;
  etat_actuel: string;
  total_cents: number | null;
}

/**
 * Money and stock balance: every CONFIRMEE commande is reserved, paid and sold for its
 * total; every ANNULEE one holds no stock, no money and no sale.
 */
export async function expectBooksBalanced(
  db: Knex,
  fake: FakeParticipants,
  initial: { soldes: Map<number, number>; stock: Map<string, number> },
): Promise<Row[]> {
  const { rows } = await db.raw<{ rows: Row[] }>(
    'SELECT id, etat_actuel, total_cents FROM commandes',
  );
  for (const c of rows) {
    const r = fake.reservations.get(c.id)?.etat;
    const p = fake.paiements.get(c.id);
    const v = fake.ventes.get(c.id);
    if (c.etat_actuel === 'CONFIRMEE') {
      expect({
        id: c.id,
        r,
        p: p?.etat,
        paid: p?.montant_cents,
        sold: v?.total_cents,
      }).to.deep.equal({
        id: c.id,
        r: 'RESERVEE',
        p: 'EFFECTUE',
        paid: c.total_cents,
        sold: c.total_cents,
      });
    } else {
      expect(c.etat_actuel, `commande ${c.id}`).to.equal('ANNULEE');
      expect({ id: c.id, r, p: p?.etat, v }).to.deep.include({ id: c.id, v: undefined });
      expect(r === undefined || r === 'LIBEREE', `stock of ${c.id} is ${String(r)}`).to.equal(true);
      expect(
        p === undefined || p.etat === 'REMBOURSE',
        `payment of ${c.id} is ${String(p?.etat)}`,
      ).to.equal(true);
    }
  }
  for (const [client, before] of initial.soldes) {
    const paid = [...fake.paiements.values()]
      .filter((p) => p.client_id === client && p.etat === 'EFFECTUE')
      .reduce((s, p) => s + p.montant_cents, 0);
    expect(fake.soldes.get(client), `balance of client ${client}`).to.equal(before - paid);
  }
  for (const [key, before] of initial.stock) {
    const [magasin, produit] = key.split(':').map(Number);
    const held = [...fake.reservations.values()]
      .filter((r) => r.etat === 'RESERVEE' && r.magasin_id === magasin)
      .flatMap((r) => r.lignes)
      .filter((l) => l.produit_id === produit)
      .reduce((s, l) => s + l.quantite, 0);
    expect(fake.stock.get(key), `stock ${key}`).to.equal(before - held);
  }
  return rows;
}
