import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { post } from './http.js';
import {
  expectError,
  expectRepeated,
  headers,
  type LigneQuantite,
  type ParticipantContext,
  twice,
} from './contract-support.js';

type Body = Record<string, unknown>;

/** The stock half of the contract: reserver / liberer, tombstones, concurrency. */
export function describeStockContract(ctx: () => ParticipantContext): void {
  /** A magasin with `quantite` units of a new produit. */
  async function stocked(quantite: number): Promise<{ magasin: number; produit: number }> {
    const { fixture } = ctx();
    const magasin = await fixture.newMagasinId();
    const produit = await fixture.createProduit(250);
    await fixture.setStock(magasin, produit, quantite);
    return { magasin, produit };
  }

  const reserver = (commandeId: string, magasin: number, lignes: LigneQuantite[]) =>
    post<Body>(
      `${ctx().urls.stockUrl}/api/stock/reserver`,
      { commande_id: commandeId, magasin_id: magasin, lignes },
      headers(commandeId, 'stock'),
    );
  const liberer = (commandeId: string) =>
    post<Body>(
      `${ctx().urls.stockUrl}/api/stock/liberer`,
      { commande_id: commandeId },
      headers(commandeId, 'stock-compensation'),
    );
  describe('stock', () => {
    it('reserver answers 201 RESERVEE, then 200 with the same outcome on a repeat', async () => {
      const { magasin, produit } = await stocked(10);
      const commande = randomUUID();
      const answers = await twice(() =>
        reserver(commande, magasin, [{ produit_id: produit, quantite: 4 }]),
      );
      expectRepeated(answers, [201, 200], { commande_id: commande, etat: 'RESERVEE' });
      expect(await ctx().fixture.stockOf(magasin, produit)).to.equal(6);
    });

    it('refuses with 409 STOCK_INSUFFISANT and reserves no line at all', async () => {
      const { fixture } = ctx();
      const { magasin, produit } = await stocked(10);
      const rare = await fixture.createProduit(100);
      await fixture.setStock(magasin, rare, 1);
      const res = await reserver(randomUUID(), magasin, [
        { produit_id: produit, quantite: 5 },
        { produit_id: rare, quantite: 2 },
      ]);
      expectError(res, 409, 'STOCK_INSUFFISANT');
      expect(await fixture.stockOf(magasin, produit)).to.equal(10);
      expect(await fixture.stockOf(magasin, rare)).to.equal(1);
    });

    it('answers 404 PRODUIT_INCONNU for a produit the magasin does not carry', async () => {
      const { magasin } = await stocked(10);
      const other = await ctx().fixture.createProduit(100);
      const res = await reserver(randomUUID(), magasin, [{ produit_id: other, quantite: 1 }]);
      expectError(res, 404, 'PRODUIT_INCONNU');
    });

    it('answers 404 MAGASIN_INCONNU for a magasin it does not know', async () => {
      const { produit } = await stocked(10);
      const magasin = await ctx().fixture.newMagasinId();
      const res = await reserver(randomUUID(), magasin, [{ produit_id: produit, quantite: 1 }]);
      expectError(res, 404, 'MAGASIN_INCONNU');
    });

    it('liberer gives the units back once, however many times it is called', async () => {
      const { magasin, produit } = await stocked(10);
      const commande = randomUUID();
      expect(
        (await reserver(commande, magasin, [{ produit_id: produit, quantite: 7 }])).status,
      ).to.equal(201);
      const answers = await twice(() => liberer(commande));
      expectRepeated(answers, [200, 200], { commande_id: commande, etat: 'LIBEREE' });
      expect(await ctx().fixture.stockOf(magasin, produit)).to.equal(10);
    });

    it('liberer for an unknown commande answers 200 LIBEREE (null compensation)', async () => {
      const commande = randomUUID();
      const res = await liberer(commande);
      expect(res.status).to.equal(200);
      expect(res.body).to.include({ commande_id: commande, etat: 'LIBEREE' });
    });

    it('refuses a reserver that arrives after its liberer with 409 ALREADY_COMPENSATED', async () => {
      const { magasin, produit } = await stocked(10);
      const commande = randomUUID();
      expect((await liberer(commande)).status).to.equal(200);
      const late = await reserver(commande, magasin, [{ produit_id: produit, quantite: 3 }]);
      expectError(late, 409, 'ALREADY_COMPENSATED');
      expect(await ctx().fixture.stockOf(magasin, produit)).to.equal(10);
    });

    it('refuses a repeated reserver once the reservation was released', async () => {
      const { magasin, produit } = await stocked(10);
      const commande = randomUUID();
      await reserver(commande, magasin, [{ produit_id: produit, quantite: 3 }]);
      await liberer(commande);
      const late = await reserver(commande, magasin, [{ produit_id: produit, quantite: 3 }]);
      expectError(late, 409, 'ALREADY_COMPENSATED');
      expect(await ctx().fixture.stockOf(magasin, produit)).to.equal(10);
    });

    it('never sells the last units twice under concurrent reservations', async () => {
      const { magasin, produit } = await stocked(5);
      const results = await Promise.all(
        Array.from({ length: 12 }, () =>
          reserver(randomUUID(), magasin, [{ produit_id: produit, quantite: 1 }]),
        ),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).to.have.length(5);
      for (const r of results.filter((x) => x.status !== 201)) {
        expectError(r, 409, 'STOCK_INSUFFISANT');
      }
      expect(await ctx().fixture.stockOf(magasin, produit)).to.equal(0);
    });
  });
}
