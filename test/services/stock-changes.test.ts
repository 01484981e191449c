import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { get, post, put } from '../contract/http.js';
import { serviceForSuite, startTestStock } from './support/services.js';

type Row = { magasin_id: number; produit_id: number; quantite: number };
type Entree = Row & {
  action: 'fixer' | 'ajuster';
  auteur: string;
  avant: number | null;
  apres: number;
  delta: number | null;
  motif: string | null;
  at: string;
};

let nextMagasin = 5000;
const newMagasin = (): number => {
  nextMagasin += 1;
  return nextMagasin;
};

describe('stock service: what employees change, and its history', () => {
  const svc = serviceForSuite(() => startTestStock());
  const ligne = (m: number, p: number): string =>
    `${svc().url}/api/stock/magasins/${m}/produits/${p}`;
  const fixer = (m: number, p: number, body: Record<string, unknown>) =>
    put<Row>(ligne(m, p), body);
  const ajuster = (m: number, p: number, delta: number, motif = 'Réception fournisseur') =>
    post<Row>(`${ligne(m, p)}/ajuster`, { delta, motif });
  const level = async (m: number, p: number): Promise<number> =>
    (await get<Row>(ligne(m, p))).body.quantite;
  const lineHistory = async (m: number, p: number): Promise<Entree[]> =>
    (await get<{ historique: Entree[] }>(`${ligne(m, p)}/historique`)).body.historique;
  const reserver = (m: number, produit: number, quantite: number, commande = randomUUID()) =>
    post(`${svc().url}/api/stock/reserver`, {
      commande_id: commande,
      magasin_id: m,
      lignes: [{ produit_id: produit, quantite }],
    });

  it('records each set and adjustment of a line: who, when, before, after, delta and why', async () => {
    const m = newMagasin();
    expect((await fixer(m, 1, { quantite: 12, motif: 'Ouverture du rayon' })).status).to.equal(200);
    expect((await ajuster(m, 1, 8)).body.quantite).to.equal(20);
    expect((await ajuster(m, 1, -3, 'Casse en rayon')).body.quantite).to.equal(17);
    expect((await fixer(m, 1, { quantite: 15 })).status).to.equal(200);
    const entries = await lineHistory(m, 1);
    expect(
      entries.map((e) => [e.action, e.avant, e.apres, e.delta, e.motif, e.auteur]),
    ).to.deep.equal([
      ['fixer', 17, 15, -2, null, 'anonyme'],
      ['ajuster', 20, 17, -3, 'Casse en rayon', 'anonyme'],
      ['ajuster', 12, 20, 8, 'Réception fournisseur', 'anonyme'],
      ['fixer', null, 12, null, 'Ouverture du rayon', 'anonyme'],
    ]);
    expect(Date.parse(entries[0]?.at ?? '')).to.be.closeTo(Date.now(), 60_000);
  });

  it("lists a magasin's changes across its lines, newest first, paged", async () => {
    const m = newMagasin();
    await fixer(m, 1, { quantite: 5 });
    await fixer(m, 2, { quantite: 6 });
    await ajuster(m, 1, 1);
    await fixer(newMagasin(), 1, { quantite: 99 }); // another magasin: not listed
    const url = `${svc().url}/api/stock/magasins/${m}/historique`;
    const all = await get<{ magasin_id: number; historique: Entree[] }>(url);
    expect(all.body.magasin_id).to.equal(m);
    expect(all.body.historique.map((e) => [e.produit_id, e.apres])).to.deep.equal([
      [1, 6],
      [2, 6],
      [1, 5],
    ]);
    const page = await get<{ historique: Entree[] }>(`${url}?limit=1&offset=1`);
    expect(page.body.historique.map((e) => e.produit_id)).to.deep.equal([2]);
  });

  it('a refused change records nothing', async () => {
    const m = newMagasin();
    await fixer(m, 1, { quantite: 2 });
    expect((await ajuster(m, 1, -3)).status).to.equal(409);
    expect((await ajuster(m, 1, 10_000_000)).status).to.equal(409);
    expect((await fixer(m, 1, { quantite: 5, quantite_attendue: 9 })).status).to.equal(409);
    expect(await lineHistory(m, 1)).to.have.length(1);
    expect(await level(m, 1)).to.equal(2);
  });

  it('requires a motif of 3 to 500 characters to adjust, and bounds every value (400)', async () => {
    const m = newMagasin();
    await fixer(m, 1, { quantite: 10 });
    const url = `${ligne(m, 1)}/ajuster`;
    for (const body of [
      { delta: 1 },
      { delta: 1, motif: 'ab' },
      { delta: 1, motif: 'x'.repeat(501) },
      { delta: 1.5, motif: 'Inventaire' },
      { delta: 10_000_001, motif: 'Inventaire' },
      { delta: -10_000_001, motif: 'Inventaire' },
    ]) {
      const res = await post(url, body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(res.body).to.have.nested.property('error.code', 'VALIDATION_ERROR');
    }
    for (const body of [
      { quantite: -1 },
      { quantite: 10_000_001 },
      { quantite: 1, quantite_attendue: -1 },
      { quantite: 1, motif: 'ab' },
    ]) {
      expect((await fixer(m, 1, body)).status, JSON.stringify(body)).to.equal(400);
    }
    expect(await level(m, 1)).to.equal(10);
  });

  it('refuses a set whose expected level is stale (409 STOCK_MODIFIE, the level now in the message): a reservation made meanwhile is not overwritten', async () => {
    const m = newMagasin();
    await fixer(m, 1, { quantite: 10 });
    // The employee saw 10; a checkout reserves 4 before they save 25.
    expect((await reserver(m, 1, 4)).status).to.equal(201);
    const stale = await fixer(m, 1, { quantite: 25, quantite_attendue: 10 });
    expect(stale.status).to.equal(409);
    expect(stale.body).to.have.nested.property('error.code', 'STOCK_MODIFIE');
    expect(stale.body).to.have.nested.property('error.message').that.contains('now 6');
    expect(await level(m, 1)).to.equal(6);
    const fresh = await fixer(m, 1, { quantite: 21, quantite_attendue: 6 });
    expect(fresh.body.quantite).to.equal(21);
    // A line not carried yet is expected at 0.
    expect((await fixer(m, 2, { quantite: 3, quantite_attendue: 0 })).status).to.equal(200);
  });

  it('adjustments concurrent with reservations and give-backs lose no unit and no reservation', async () => {
    const m = newMagasin();
    await fixer(m, 1, { quantite: 100 });
    const commandes = Array.from({ length: 30 }, () => randomUUID());
    const deltas = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? -2 : 3));
    const answers = await Promise.all([
      ...commandes.map((c) => reserver(m, 1, 2, c)),
      ...deltas.map((d) => ajuster(m, 1, d, 'Inventaire tournant')),
      // Half of the reservations given back while the rest goes on.
      ...commandes
        .filter((_, i) => i % 2 === 0)
        .map((c) => post(`${svc().url}/api/stock/liberer`, { commande_id: c })),
    ]);
    // Only a reservation whose give-back came first may be refused (its tombstone).
    const refused = answers.filter((a) => a.status >= 300);
    for (const a of refused)
      expect(a.body).to.have.nested.property('error.code', 'ALREADY_COMPENSATED');
    const reserved = await svc().db.raw<{ rows: { units: number; n: number }[] }>(
      `SELECT COALESCE(sum(l.quantite), 0)::int AS units, count(*)::int AS n
         FROM reservations r JOIN reservation_lignes l USING (commande_id)
        WHERE r.magasin_id = ? AND r.etat = 'RESERVEE'`,
      [m],
    );
    const held = reserved.rows[0]?.units ?? 0;
    const sumDeltas = deltas.reduce((a, b) => a + b, 0);
    // What the shelf holds = what was put there, minus what reservations still hold.
    expect(await level(m, 1)).to.equal(100 + sumDeltas - held);
    // Every reservation not given back still holds its 2 units (a liberer that came first
    // left a tombstone: that commande holds none, and never will).
    const released = await svc().db.raw<{ rows: { n: number }[] }>(
      "SELECT count(*)::int AS n FROM reservations WHERE commande_id = ANY(?) AND etat = 'LIBEREE'",
      [commandes.filter((_, i) => i % 2 === 0)],
    );
    expect(released.rows[0]?.n).to.equal(15);
    expect(held).to.equal(2 * (reserved.rows[0]?.n ?? 0));
    expect(reserved.rows[0]?.n).to.equal(15);
    // Each adjustment is in the history with the level it found and the one it left.
    const history = await lineHistory(m, 1);
    const adjusted = history.filter((e) => e.action === 'ajuster');
    expect(adjusted).to.have.length(30);
    for (const e of adjusted) expect((e.apres ?? 0) - (e.avant ?? 0)).to.equal(e.delta);
  });

  it('answers 400 for a bad line or page in the history routes', async () => {
    expect((await get(`${svc().url}/api/stock/magasins/0/historique`)).status).to.equal(400);
    expect((await get(`${ligne(1, 1)}/historique?limit=501`)).status).to.equal(400);
    expect((await get(`${svc().url}/api/stock/magasins/x/produits/1/historique`)).status).to.equal(
      400,
    );
  });
});
