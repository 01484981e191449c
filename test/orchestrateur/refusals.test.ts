import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { expectBooksBalanced } from '../support/books.js';
import { checkout, etats } from '../support/checkout.js';
import { abandonedAt } from '../support/commandes.js';
import type { Fault } from '../support/fake-participants.js';
import { call } from '../support/orchestrateur.js';
import { type Initial, useFakeSystem, waitFor } from '../support/sagas.js';

/**
 * Only an answer the contract names as a refusal (status and code) proves a step did not
 * happen. A 401 while the service token is rotated, a 404 or 405 from another version of a
 * service, a 413 or 415, a 4xx with a code the contract does not name: the call may have
 * had its effect, so it is retried, and a step that may stand is never undone.
 */
describe('a 4xx the contract does not name is no refusal', function () {
  this.timeout(30_000);
  const system = useFakeSystem('refusals', {
    SAGA_STEP_RETRIES: '2',
    SAGA_SUSPEND_AFTER_MS: '400',
  });
  let next = 5000;

  /** A client with one line of a produit of its own, money, and stock for it in magasin 1. */
  function seed(): { clientId: number; initial: Initial } {
    const { fake } = system();
    next += 1;
    const clientId = next;
    const produit = next;
    fake.carts.set(clientId, [{ produit_id: produit, quantite: 2, prix_unitaire_cents: 300 }]);
    fake.soldes.set(clientId, 10_000);
    fake.setStock(1, produit, 10);
    const initial = {
      soldes: new Map([[clientId, 10_000]]),
      stock: new Map([[`1:${produit}`, 10]]),
    };
    return { clientId, initial };
  }

  const technical = (status: number, code?: string): Fault => ({
    kind: 'status',
    status,
    code: code ?? `NOT_IN_CONTRACT_${status}`,
  });

  afterEach(() => system().fake.clearFaults());

  it('a sale recorded whose answer was lost, then 401, 403, 404: goes forward to CONFIRMEE', async () => {
    const { fake, orch } = system();
    const { clientId, initial } = seed();
    fake.inject(
      'enregistrer_vente',
      { kind: 'after-effect' },
      technical(401, 'NON_AUTHENTIFIE'),
      technical(403, 'ACCES_REFUSE'),
      technical(404, 'NOT_FOUND'),
    );
    const res = await checkout(orch.url, clientId);
    expect(res.status, res.text).to.equal(201);
    expect(res.commande.etat).to.equal('CONFIRMEE');
    expect(fake.paiements.get(res.commande.id)?.etat).to.equal('EFFECTUE');
    await expectBooksBalanced(orch.db, fake, initial);
  });

  for (const status of [401, 403, 404, 405, 413, 415, 422]) {
    it(`a ${status} on the payment is retried, not taken as a refusal`, async () => {
      const { fake, orch } = system();
      const { clientId, initial } = seed();
      fake.inject('payer', technical(status));
      const res = await checkout(orch.url, clientId);
      expect(res.status, res.text).to.equal(201);
      const detail = res.commande.historique.find((h) => h.etat === 'PAIEMENT_EFFECTUE')?.detail;
      expect(detail).to.include({ tentatives: 2 });
      await expectBooksBalanced(orch.db, fake, initial);
    });
  }

  it('a 4xx that keeps coming fails a step before the pivot as technical, its effect undone', async () => {
    const { fake, orch } = system();
    const { clientId, initial } = seed();
    fake.inject('payer', { kind: 'after-effect' }, ...Array(5).fill(technical(401)));
    const res = await checkout(orch.url, clientId);
    expect(res.status, res.text).to.equal(502);
    expect(res.commande.echec).to.include({ etape: 'paiement', code: 'HTTP_401' });
    expect(fake.paiements.get(res.commande.id)?.etat).to.equal('REMBOURSE');
    await expectBooksBalanced(orch.db, fake, initial);
  });

  it('a refusal the contract names still refuses at once, with its code', async () => {
    const { fake, orch } = system();
    const { clientId } = seed();
    fake.inject('payer', { kind: 'status', status: 402, code: 'SOLDE_INSUFFISANT' });
    const res = await checkout(orch.url, clientId);
    expect(res.status, res.text).to.equal(409);
    expect(res.commande.echec).to.include({ etape: 'paiement', code: 'SOLDE_INSUFFISANT' });
    expect(etats(res.commande)).to.include('ECHEC_PAIEMENT');
  });

  it('a named status with another code is no refusal (402 without SOLDE_INSUFFISANT)', async () => {
    const { fake, orch } = system();
    const { clientId } = seed();
    fake.inject('payer', technical(402, 'PAYMENT_REQUIRED'));
    const res = await checkout(orch.url, clientId);
    expect(res.status, res.text).to.equal(201);
  });

  it('a sale that keeps answering 401 suspends the saga; resumed, it goes forward', async () => {
    const { fake, orch } = system();
    const { clientId, initial } = seed();
    fake.inject('enregistrer_vente', { kind: 'after-effect' }, ...Array(200).fill(technical(401)));
    const res = await checkout(orch.url, clientId);
    const id = res.commande.id;
    const view = async () =>
      (await call(orch.url, 'GET', `/api/commande/${id}`)).body as {
        etat: string;
        suspension: unknown;
      };
    await waitFor('the suspension', async () => (await view()).suspension !== null);
    expect((await view()).etat).to.equal('PAIEMENT_EFFECTUE');
    // The token is fixed on one instance only: one more 401 on resume must not undo the sale.
    fake.clearFaults();
    fake.inject('enregistrer_vente', technical(401));
    const resumed = await call(orch.url, 'POST', `/api/commande/${id}/reprendre`);
    expect(resumed.status, resumed.text).to.equal(200);
    expect((await view()).etat).to.equal('CONFIRMEE');
    await expectBooksBalanced(orch.db, fake, initial);
  });

  it('a saga taken over past its payment whose sale answers 401 goes forward, never back', async () => {
    const { fake, orch } = system();
    const { clientId, initial } = seed();
    const id = randomUUID();
    const lignes = fake.carts.get(clientId) ?? [];
    // The instance before recorded the sale, then died before writing anything past payment.
    const effects: [string, unknown][] = [
      ['/api/stock/reserver', { magasin_id: 1, lignes }],
      [`/api/clients/${clientId}/payer`, { montant_cents: 600 }],
      ['/api/ventes', { client_id: clientId, magasin_id: 1, lignes, total_cents: 600 }],
    ];
    for (const [path, body] of effects) {
      const done = await call(fake.url, 'POST', path, {
        json: { commande_id: id, ...(body as object) },
      });
      expect(done.status, done.text).to.equal(201);
    }
    await abandonedAt(orch.db, {
      id,
      clientId,
      etat: 'PAIEMENT_EFFECTUE',
      lignes,
      totalCents: 600,
    });
    fake.inject('enregistrer_vente', technical(401), technical(404));
    expect(await orch.recovery.scanOnce()).to.equal(1);
    const etat = async () =>
      (
        await orch.db.raw<{ rows: { etat_actuel: string }[] }>(
          'SELECT etat_actuel FROM commandes WHERE id = ?',
          [id],
        )
      ).rows[0]?.etat_actuel;
    await waitFor('the end of the saga', async () =>
      ['CONFIRMEE', 'ANNULEE'].includes((await etat()) ?? ''),
    );
    expect(await etat()).to.equal('CONFIRMEE');
    await expectBooksBalanced(orch.db, fake, initial);
  });
});
