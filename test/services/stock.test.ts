import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { RunningService } from '../../src/lib/service.js';
import { startStock } from '../../src/services/stock/app.js';
import { loadStockConfig } from '../../src/services/stock/config.js';
import { get, post, put, statusCounts } from '../contract/http.js';
import { testEnv } from './support/services.js';

type Row = { magasin_id: number; produit_id: number; quantite: number };

let nextMagasin = 0;
const newMagasin = (): number => {
  nextMagasin += 1;
  return nextMagasin;
};

describe('stock service', () => {
  let svc: RunningService;
  let env: NodeJS.ProcessEnv;
  const ligne = (m: number, p: number): string =>
    `${svc.url}/api/stock/magasins/${m}/produits/${p}`;
  const setStock = async (m: number, p: number, quantite: number): Promise<void> => {
    expect((await put(ligne(m, p), { quantite })).status).to.equal(200);
  };
  const quantite = async (m: number, p: number): Promise<number> =>
    (await get<Row>(ligne(m, p))).body.quantite;
  const reserver = (
    commande: string,
    m: number,
    lignes: { produit_id: number; quantite: number }[],
  ) =>
    post<Record<string, unknown>>(`${svc.url}/api/stock/reserver`, {
      commande_id: commande,
      magasin_id: m,
      lignes,
    });

  before(async () => {
    env = await testEnv('stock', { SURSTOCK_SEUIL: '50' });
    svc = await startStock(loadStockConfig(env));
  });
  after(async () => {
    await svc?.close();
  });

  describe('levels (employee endpoints)', () => {
    it('sets a level, creating the line, and lists the magasin by produit', async () => {
      const m = newMagasin();
      await setStock(m, 2, 5);
      await setStock(m, 1, 7);
      await setStock(m, 2, 9);
      const res = await get<{ stock: Row[] }>(`${svc.url}/api/stock/magasins/${m}`);
      expect(res.body.stock.map((r) => [r.produit_id, r.quantite])).to.deep.equal([
        [1, 7],
        [2, 9],
      ]);
    });

    it('adjusts a level up and down, never below zero', async () => {
      const m = newMagasin();
      await setStock(m, 1, 3);
      const up = await post<Row>(`${ligne(m, 1)}/ajuster`, { delta: 4, motif: 'Inventaire' });
      expect(up.body.quantite).to.equal(7);
      const tooMuch = await post(`${ligne(m, 1)}/ajuster`, { delta: -8, motif: 'Inventaire' });
      expect(tooMuch.status).to.equal(409);
      expect(tooMuch.body).to.have.nested.property('error.code', 'STOCK_INSUFFISANT');
      const down = await post<Row>(`${ligne(m, 1)}/ajuster`, { delta: -7, motif: 'Inventaire' });
      expect(down.body.quantite).to.equal(0);
    });

    it('answers 404 PRODUIT_INCONNU for a line the magasin does not carry', async () => {
      const m = newMagasin();
      expect((await get(ligne(m, 1))).status).to.equal(404);
      const adjust = await post(`${ligne(m, 1)}/ajuster`, { delta: 1, motif: 'Inventaire' });
      expect(adjust.body).to.have.nested.property('error.code', 'PRODUIT_INCONNU');
    });

    it('refuses a negative level or a zero delta with 400', async () => {
      const m = newMagasin();
      expect((await put(ligne(m, 1), { quantite: -1 })).status).to.equal(400);
      await setStock(m, 1, 1);
      expect(
        (await post(`${ligne(m, 1)}/ajuster`, { delta: 0, motif: 'Inventaire' })).status,
      ).to.equal(400);
    });

    it('reports ruptures (zero) and surstock (above the configured or given threshold)', async () => {
      const m = newMagasin();
      await setStock(m, 1, 0);
      await setStock(m, 2, 10);
      await setStock(m, 3, 51);
      await setStock(m, 4, 200);
      const ruptures = await get<{ ruptures: Row[] }>(
        `${svc.url}/api/stock/magasins/${m}/ruptures`,
      );
      expect(ruptures.body.ruptures.map((r) => r.produit_id)).to.deep.equal([1]);
      const surstock = await get<{ seuil: number; surstock: Row[] }>(
        `${svc.url}/api/stock/magasins/${m}/surstock`,
      );
      expect(surstock.body.seuil).to.equal(50);
      expect(surstock.body.surstock.map((r) => r.produit_id)).to.deep.equal([4, 3]);
      const custom = await get<{ surstock: Row[] }>(
        `${svc.url}/api/stock/magasins/${m}/surstock?seuil=100`,
      );
      expect(custom.body.surstock.map((r) => r.produit_id)).to.deep.equal([4]);
    });
  });

  describe('bounds', () => {
    const MAX = 10_000_000;
    const ajuster = (m: number, p: number, delta: number) =>
      post<Row>(`${ligne(m, p)}/ajuster`, { delta, motif: 'Inventaire' });

    it('refuses an ajuster past 10000000 units with 409 STOCK_MAXIMUM_DEPASSE, saying why', async () => {
      const m = newMagasin();
      await setStock(m, 1, MAX - 1);
      const over = await ajuster(m, 1, 2);
      expect(over.status).to.equal(409);
      expect(over.body).to.have.nested.property('error.code', 'STOCK_MAXIMUM_DEPASSE');
      expect(over.body).to.have.nested.property('error.message').that.contains(String(MAX));
      expect(await quantite(m, 1)).to.equal(MAX - 1);
      expect((await ajuster(m, 1, 1)).body.quantite).to.equal(MAX);
      expect((await put(ligne(m, 1), { quantite: MAX + 1 })).status).to.equal(400);
    });

    it('never lets repeated ajuster overflow the level: a 4xx, never a 500', async () => {
      const m = newMagasin();
      await setStock(m, 1, 0);
      let last = await ajuster(m, 1, MAX);
      for (let i = 0; i < 300 && last.status === 200; i += 1) last = await ajuster(m, 1, MAX);
      expect(last.status).to.equal(409);
      expect(await quantite(m, 1)).to.equal(MAX);
    });

    it('liberer gives back its units even when the level was topped up meanwhile', async () => {
      const m = newMagasin();
      await setStock(m, 1, MAX);
      const commande = randomUUID();
      expect((await reserver(commande, m, [{ produit_id: 1, quantite: 7 }])).status).to.equal(201);
      expect((await ajuster(m, 1, 7)).status).to.equal(200);
      expect(
        (await post(`${svc.url}/api/stock/liberer`, { commande_id: commande })).status,
      ).to.equal(200);
      expect(await quantite(m, 1)).to.equal(MAX + 7);
      expect((await ajuster(m, 1, 1)).status, 'no higher').to.equal(409);
      expect((await ajuster(m, 1, -8)).body.quantite, 'back under the maximum').to.equal(MAX - 1);
    });

    it('a level at the very top of the column still takes a give-back: liberer never fails', async () => {
      const m = newMagasin();
      await setStock(m, 1, 10);
      const commande = randomUUID();
      await reserver(commande, m, [{ produit_id: 1, quantite: 5 }]);
      await svc.db.raw('UPDATE stock SET quantite = ? WHERE magasin_id = ? AND produit_id = 1', [
        Number.MAX_SAFE_INTEGER,
        m,
      ]);
      const res = await post(`${svc.url}/api/stock/liberer`, { commande_id: commande });
      expect(res.status).to.equal(200);
      expect(await quantite(m, 1)).to.equal(Number.MAX_SAFE_INTEGER);
    });
  });

  describe('pages of the lists (limit 1-500, default 100, offset)', () => {
    const lists = [
      { path: '', key: 'stock', ids: [1, 2, 3, 4, 5, 6] },
      { path: '/ruptures', key: 'ruptures', ids: [1, 2, 3] },
      { path: '/surstock', key: 'surstock', ids: [6, 5, 4] },
    ];
    let m: number;
    const ids = async (path: string, key: string, query: string): Promise<number[]> => {
      const res = await get<Record<string, Row[]>>(
        `${svc.url}/api/stock/magasins/${m}${path}?${query}`,
      );
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      return (res.body[key] ?? []).map((r) => r.produit_id);
    };

    before(async () => {
      m = newMagasin();
      for (const [p, q] of [
        [1, 0],
        [2, 0],
        [3, 0],
        [4, 60],
        [5, 70],
        [6, 80],
      ] as const)
        await setStock(m, p, q);
    });

    for (const l of lists) {
      it(`GET /api/stock/magasins/:m${l.path} pages with limit and offset`, async () => {
        expect(await ids(l.path, l.key, 'limit=2')).to.deep.equal(l.ids.slice(0, 2));
        expect(await ids(l.path, l.key, 'limit=2&offset=2')).to.deep.equal(l.ids.slice(2, 4));
        for (const bad of ['limit=0', 'limit=501', 'offset=-1', 'limit=x']) {
          const res = await get(`${svc.url}/api/stock/magasins/${m}${l.path}?${bad}`);
          expect(res.status, bad).to.equal(400);
        }
      });
    }

    it('answers 100 lines when no limit is given', async () => {
      const big = newMagasin();
      await svc.db.raw(
        'INSERT INTO stock (magasin_id, produit_id, quantite) SELECT ?, g, 0 FROM generate_series(1, 101) AS g',
        [big],
      );
      for (const path of ['', '/ruptures']) {
        const res = await get<Record<string, Row[]>>(`${svc.url}/api/stock/magasins/${big}${path}`);
        expect(Object.values(res.body).find(Array.isArray), path).to.have.length(100);
      }
    });
  });

  describe('POST /api/stock/reserver and /liberer', () => {
    it('merges repeated produits into one line and records the reservation', async () => {
      const m = newMagasin();
      await setStock(m, 1, 10);
      await setStock(m, 2, 10);
      const commande = randomUUID();
      const res = await reserver(commande, m, [
        { produit_id: 2, quantite: 1 },
        { produit_id: 1, quantite: 2 },
        { produit_id: 2, quantite: 3 },
      ]);
      expect(res.status).to.equal(201);
      expect(res.body.lignes).to.deep.equal([
        { produit_id: 1, quantite: 2 },
        { produit_id: 2, quantite: 4 },
      ]);
      expect(await quantite(m, 2)).to.equal(6);
      const stored = await get(`${svc.url}/api/stock/reservations/${commande}`);
      expect(stored.body).to.include({ etat: 'RESERVEE', magasin_id: m });
      const { rows } = await svc.db.raw<{ rows: { n: number }[] }>(
        'SELECT count(*)::int AS n FROM reservation_lignes WHERE commande_id = ?',
        [commande],
      );
      expect(rows[0]?.n).to.equal(2);
    });

    it('refuses the same commande with other lignes with 422 IDEMPOTENCY_MISMATCH', async () => {
      const m = newMagasin();
      await setStock(m, 1, 10);
      const commande = randomUUID();
      await reserver(commande, m, [{ produit_id: 1, quantite: 1 }]);
      const other = await reserver(commande, m, [{ produit_id: 1, quantite: 2 }]);
      expect(other.status).to.equal(422);
      expect(other.body).to.have.nested.property('error.code', 'IDEMPOTENCY_MISMATCH');
      expect(await quantite(m, 1)).to.equal(9);
    });

    it('keeps a tombstone for a liberer that came first', async () => {
      const commande = randomUUID();
      await post(`${svc.url}/api/stock/liberer`, { commande_id: commande });
      const stored = await get(`${svc.url}/api/stock/reservations/${commande}`);
      expect(stored.body).to.include({ etat: 'LIBEREE', magasin_id: null });
      expect(stored.body.lignes).to.deep.equal([]);
    });

    it('answers 404 RESERVATION_INCONNUE for a commande it never saw, 400 for a bad id', async () => {
      expect((await get(`${svc.url}/api/stock/reservations/${randomUUID()}`)).status).to.equal(404);
      expect((await get(`${svc.url}/api/stock/reservations/nope`)).status).to.equal(400);
    });

    it('of 50 concurrent reservations for the last 20 units, exactly 20 succeed and stock ends at 0', async () => {
      const m = newMagasin();
      await setStock(m, 1, 20);
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          reserver(randomUUID(), m, [{ produit_id: 1, quantite: 1 }]),
        ),
      );
      const ok = results.filter((r) => r.status === 201);
      const refused = results.filter((r) => r.status === 409);
      expect(ok).to.have.length(20);
      expect(refused).to.have.length(30);
      for (const r of refused)
        expect(r.body).to.have.nested.property('error.code', 'STOCK_INSUFFISANT');
      expect(await quantite(m, 1)).to.equal(0);
      const { rows } = await svc.db.raw<{ rows: { n: number; units: number }[] }>(
        `SELECT count(*)::int AS n, COALESCE(sum(l.quantite), 0)::int AS units
           FROM reservations r JOIN reservation_lignes l USING (commande_id)
          WHERE r.magasin_id = ?`,
        [m],
      );
      expect(rows[0]).to.deep.equal({ n: 20, units: 20 });
    });

    it('two instances on one database never oversell, and multi-line orders in any order never deadlock', async () => {
      const twin = await startStock(loadStockConfig(env)); // same database, another pool
      try {
        const m = newMagasin();
        await setStock(m, 1, 15);
        await setStock(m, 2, 15);
        const results = await Promise.all(
          Array.from({ length: 40 }, (_, i) => {
            const lignes = [
              { produit_id: 1, quantite: 1 },
              { produit_id: 2, quantite: 1 },
            ];
            const body = {
              commande_id: randomUUID(),
              magasin_id: m,
              lignes: i % 2 === 0 ? lignes : lignes.reverse(),
            };
            const base = i % 2 === 0 ? svc.url : twin.url;
            return post(`${base}/api/stock/reserver`, body);
          }),
        );
        expect(statusCounts(results)).to.deep.equal({ 201: 15, 409: 25 });
        expect(await quantite(m, 1)).to.equal(0);
        expect(await quantite(m, 2)).to.equal(0);
      } finally {
        await twin.close();
      }
    });

    it('a concurrent liberer and repeated reserver of one commande leave the stock whole', async () => {
      const m = newMagasin();
      await setStock(m, 1, 10);
      const commande = randomUUID();
      const lignes = [{ produit_id: 1, quantite: 4 }];
      await Promise.all([
        reserver(commande, m, lignes),
        post(`${svc.url}/api/stock/liberer`, { commande_id: commande }),
        reserver(commande, m, lignes),
        post(`${svc.url}/api/stock/liberer`, { commande_id: commande }),
      ]);
      // Whatever the interleaving, the commande ends released and nothing stays taken.
      const stored = await get(`${svc.url}/api/stock/reservations/${commande}`);
      expect(stored.body).to.include({ etat: 'LIBEREE' });
      expect(await quantite(m, 1)).to.equal(10);
    });
  });
});
