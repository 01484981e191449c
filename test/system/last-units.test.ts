import { expect } from 'chai';
import { realServicesContext } from '../contract/real-services-fixture.js';
import { checkout } from '../support/checkout.js';
import { serviceForSuite, startRealSaga, type TestServices } from '../services/support/services.js';

const sumOf = async (
  db: TestServices['client']['db'],
  sql: string,
  bindings: number[] = [],
): Promise<number> => {
  const { rows } = await db.raw<{ rows: { s: number }[] }>(sql, bindings);
  return Number(rows[0]?.s ?? 0);
};

describe('the real system under contention', function () {
  this.timeout(120_000);
  const saga = serviceForSuite(startRealSaga);

  it('50 concurrent checkouts for the last 20 units: exactly 20 confirmed, stock never below 0, payments = sales', async () => {
    const { services, orch } = saga();
    const { fixture } = realServicesContext(services);
    const magasin = await fixture.newMagasinId();
    const produit = await fixture.createProduit(1500);
    await fixture.setStock(magasin, produit, 20);
    const clients: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      const client = await fixture.createClient(10_000);
      await fixture.fillCart(client, [{ produit_id: produit, quantite: 1 }]);
      clients.push(client);
    }

    const answers = await Promise.all(clients.map((c) => checkout(orch.url, c, {}, magasin)));

    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).to.have.length(20);
    expect(statuses.filter((s) => s === 409)).to.have.length(30);
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(a.commande.echec).to.include({ etape: 'stock', code: 'STOCK_INSUFFISANT' });
    }
    expect(await fixture.stockOf(magasin, produit)).to.equal(0);
    const paid = await sumOf(
      services.client.db,
      "SELECT COALESCE(sum(montant_cents), 0) AS s FROM paiements WHERE etat = 'EFFECTUE'",
    );
    const sold = await sumOf(
      services.ventes.db,
      'SELECT COALESCE(sum(total_cents), 0) AS s FROM ventes WHERE magasin_id = ?',
      [magasin],
    );
    expect(paid).to.equal(20 * 1500);
    expect(sold).to.equal(paid);
    const balances = await Promise.all(clients.map((c) => fixture.soldeOf(c)));
    expect(balances.filter((b) => b === 10_000 - 1500)).to.have.length(20);
    expect(balances.filter((b) => b === 10_000)).to.have.length(30);
  });
});
