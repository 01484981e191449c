import { expect } from 'chai';
import { get, post, put } from '../contract/http.js';
import { realServicesContext } from '../contract/real-services-fixture.js';
import { checkout } from '../support/checkout.js';
import { serviceForSuite, startRealSaga, type TestServices } from '../services/support/services.js';

type Ligne = { produit_id: number; quantite: number; prix_unitaire_cents: number };

const rows = async <R>(db: TestServices['ventes']['db'], sql: string, b: unknown[]) =>
  (await db.raw<{ rows: R[] }>(sql, b as never)).rows;

describe('employees change the catalogue and the shelves while customers buy', function () {
  this.timeout(120_000);
  const saga = serviceForSuite(startRealSaga);

  const setPrix = async (produit: number, prix_cents: number): Promise<void> => {
    const res = await put(`${saga().services.produits.url}/api/produits/${produit}`, {
      prix_cents,
    });
    expect(res.status).to.equal(200);
  };

  it('a price change never touches a commande already made, nor a cart filled before it: each keeps the price it was given', async () => {
    const { services, orch } = saga();
    const { fixture } = realServicesContext(services);
    const magasin = await fixture.newMagasinId();
    const produit = await fixture.createProduit(1500);
    await fixture.setStock(magasin, produit, 10);
    const [buyer, late] = [await fixture.createClient(10_000), await fixture.createClient(10_000)];
    await fixture.fillCart(buyer, [{ produit_id: produit, quantite: 2 }]);
    const made = await checkout(orch.url, buyer, {}, magasin);
    expect(made.status).to.equal(201);

    // The cart of `late` is filled at 15.00 €; then the employee raises the price to 25.00 €.
    await fixture.fillCart(late, [{ produit_id: produit, quantite: 1 }]);
    await setPrix(produit, 2500);

    const again = await get<{ total_cents: number }>(
      `${orch.url}/api/commande/${made.commande.id}`,
    );
    expect(again.body.total_cents).to.equal(3000);
    const [snapshot] = await rows<{ lignes: Ligne[] }>(
      orch.db,
      'SELECT lignes FROM commandes WHERE id = ?',
      [made.commande.id],
    );
    expect(snapshot?.lignes.map((l) => l.prix_unitaire_cents)).to.deep.equal([1500]);
    const sold = await rows<{ prix_unitaire_cents: number }>(
      services.ventes.db,
      `SELECT l.prix_unitaire_cents FROM ventes v JOIN vente_lignes l ON l.vente_id = v.id
        WHERE v.commande_id = ?`,
      [made.commande.id],
    );
    expect(sold.map((s) => s.prix_unitaire_cents)).to.deep.equal([1500]);
    expect(await fixture.soldeOf(buyer)).to.equal(10_000 - 3000);

    // The cart filled before the change pays what it showed; a cart filled after pays 25.00 €.
    const lateOrder = await checkout(orch.url, late, {}, magasin);
    expect(lateOrder.commande.total_cents).to.equal(1500);
    const fresh = await fixture.createClient(10_000);
    await fixture.fillCart(fresh, [{ produit_id: produit, quantite: 1 }]);
    const freshOrder = await checkout(orch.url, fresh, {}, magasin);
    expect(freshOrder.commande.total_cents).to.equal(2500);
    // The produit's history says who changed the price and from what.
    const history = await get<{ historique: { avant: unknown; apres: unknown }[] }>(
      `${services.produits.url}/api/produits/${produit}/historique`,
    );
    expect(history.body.historique[0]).to.deep.include({
      avant: { prix_cents: 1500 },
      apres: { prix_cents: 2500 },
    });
  });

  it('stock adjustments during concurrent checkouts lose no reservation: level = put there - sold', async () => {
    const { services, orch } = saga();
    const { fixture } = realServicesContext(services);
    const magasin = await fixture.newMagasinId();
    const produit = await fixture.createProduit(100);
    await fixture.setStock(magasin, produit, 30);
    const clients: number[] = [];
    for (let i = 0; i < 24; i += 1) {
      const c = await fixture.createClient(10_000);
      await fixture.fillCart(c, [{ produit_id: produit, quantite: 1 }]);
      clients.push(c);
    }
    const ligne = `${services.stock.url}/api/stock/magasins/${magasin}/produits/${produit}`;
    const deltas = Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 2 : -1));
    const [orders, adjustments] = await Promise.all([
      Promise.all(clients.map((c) => checkout(orch.url, c, {}, magasin))),
      Promise.all(
        deltas.map((delta) => post(`${ligne}/ajuster`, { delta, motif: 'Inventaire tournant' })),
      ),
    ]);
    expect(adjustments.map((a) => a.status)).to.deep.equal(deltas.map(() => 200));
    const confirmed = orders.filter((o) => o.status === 201).length;
    expect(confirmed).to.equal(24); // 30 + 8 > 24: every order finds its unit
    const added = deltas.reduce((a, b) => a + b, 0);
    expect(await fixture.stockOf(magasin, produit)).to.equal(30 + added - confirmed);
    const [held] = await rows<{ units: number }>(
      services.stock.db,
      `SELECT COALESCE(sum(l.quantite), 0)::int AS units
         FROM reservations r JOIN reservation_lignes l USING (commande_id)
        WHERE r.magasin_id = ? AND r.etat = 'RESERVEE'`,
      [magasin],
    );
    expect(held?.units).to.equal(confirmed);
    const [sold] = await rows<{ n: number }>(
      services.ventes.db,
      'SELECT count(*)::int AS n FROM ventes WHERE magasin_id = ?',
      [magasin],
    );
    expect(sold?.n).to.equal(confirmed);
  });
});
