import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { expectBooksBalanced } from '../support/books.js';
import { checkout, expectError } from '../support/checkout.js';
import { abandonedAt } from '../support/commandes.js';
import type { Fault } from '../support/fake-participants.js';
import { call } from '../support/orchestrateur.js';
import { type Initial, useFakeSystem, waitFor } from '../support/sagas.js';

interface View {
  id: string;
  etat: string;
  echec: { etape: string; code: string; message: string } | null;
  suspension: { etape: string } | null;
  historique: { etat: string; detail: Record<string, unknown> }[];
  actions_operateur: {
    action: string;
    par: string;
    motif: string | null;
    etat: string;
    at: string;
  }[];
}

/**
 * What an operator can do with a saga that waits for one (suspended, or parked in
 * COMPENSATION_ECHOUEE): resume it, or cancel it short of the pivot. Every action is
 * recorded with who, when and why.
 */
describe('operator actions on a waiting commande', function () {
  this.timeout(30_000);
  const system = useFakeSystem('operateur', {
    SAGA_STEP_RETRIES: '1',
    SAGA_COMPENSATION_RETRIES: '1',
    SAGA_SUSPEND_AFTER_MS: '300',
  });
  let next = 8000;

  function seed(): { clientId: number; initial: Initial } {
    const { fake } = system();
    next += 1;
    fake.carts.set(next, [{ produit_id: next, quantite: 1, prix_unitaire_cents: 900 }]);
    fake.soldes.set(next, 5_000);
    fake.setStock(1, next, 4);
    const initial = { soldes: new Map([[next, 5_000]]), stock: new Map([[`1:${next}`, 4]]) };
    return { clientId: next, initial };
  }

  const view = async (id: string): Promise<View> =>
    (await call(system().orch.url, 'GET', `/api/commande/${id}`)).body as View;
  const act = (id: string, action: string, json?: unknown) =>
    call(system().orch.url, 'POST', `/api/commande/${id}/${action}`, json ? { json } : {});
  const unavailable: Fault = { kind: 'status', status: 503 };
  const many = (n: number): Fault[] => Array.from({ length: n }, () => unavailable);

  // Every test leaves every commande at rest: the books are checked over all of them.
  afterEach(async () => {
    const { fake, orch } = system();
    fake.clearFaults();
    const { rows } = await orch.db.raw<{ rows: { id: string }[] }>(
      `SELECT id FROM commandes WHERE suspendue_at IS NOT NULL OR etat_actuel = 'COMPENSATION_ECHOUEE'`,
    );
    for (const { id } of rows) await act(id, 'reprendre');
  });

  /** A commande suspended on its payment: taken over, its payment kept answering 503. */
  async function suspendedAtPayment(clientId: number): Promise<string> {
    const { fake, orch } = system();
    fake.inject('enregistrer_vente', ...many(400));
    const res = await checkout(orch.url, clientId);
    const id = res.commande.id;
    await waitFor('the suspension at the sale', async () => (await view(id)).suspension !== null);
    return id;
  }

  it('annuler a commande suspended at the sale: 409 PIVOT_FRANCHI, nothing changes', async () => {
    const { clientId } = seed();
    const id = await suspendedAtPayment(clientId);
    const before = await view(id);
    expectError(await act(id, 'annuler', { motif: 'client au téléphone' }), 409, 'PIVOT_FRANCHI');
    const after = await view(id);
    expect(after).to.deep.equal(before);
    expect(after.actions_operateur).to.deep.equal([]);
  });

  it('annuler a parked commande: compensates again, ANNULEE_PAR_OPERATEUR, recorded', async () => {
    const { fake, orch } = system();
    const { clientId, initial } = seed();
    fake.inject('enregistrer_vente', { kind: 'status', status: 422 });
    fake.inject('rembourser', ...many(2));
    const res = await checkout(orch.url, clientId);
    expect(res.commande.etat).to.equal('COMPENSATION_ECHOUEE');
    const done = await act(res.commande.id, 'annuler', { motif: 'Paiement réparé, on annule' });
    expect(done.status, done.text).to.equal(200);
    const c = done.body as View;
    expect(c.etat).to.equal('ANNULEE');
    expect(c.echec).to.include({ code: 'ANNULEE_PAR_OPERATEUR', etape: 'vente' });
    expect(c.actions_operateur).to.have.length(1);
    expect(c.actions_operateur[0]).to.include({
      action: 'annuler',
      motif: 'Paiement réparé, on annule',
      etat: 'COMPENSATION_ECHOUEE',
    });
    const moved = c.historique.find((h) => h.detail.operateur === 'annuler');
    expect(moved?.etat).to.equal('ECHEC_ENREGISTREMENT');
    expect(fake.paiements.get(c.id)?.etat).to.equal('REMBOURSE');
    await expectBooksBalanced(orch.db, fake, initial);
  });

  it('annuler a commande suspended before the pivot: its unknown step gets its null compensation', async () => {
    const { fake, orch } = system();
    const { clientId, initial } = seed();
    const id = await suspendedBeforePivot(clientId);
    fake.clearFaults();
    const done = await act(id, 'annuler', { motif: 'trop long' });
    expect(done.status, done.text).to.equal(200);
    const c = done.body as View;
    expect(c.etat).to.equal('ANNULEE');
    expect(c.echec).to.include({ code: 'ANNULEE_PAR_OPERATEUR', etape: 'paiement' });
    const compensations = c.historique.at(-1)?.detail.compensations as { compensation: string }[];
    expect(compensations.map((x) => x.compensation)).to.deep.equal(['rembourser', 'liberer_stock']);
    expect(fake.paiements.get(id)?.etat).to.equal('REMBOURSE');
    await expectBooksBalanced(orch.db, fake, initial);
  });

  /**
   * Taken over at STOCK_RESERVE (its instance died) while the payment, whose first attempt
   * went through, keeps failing: a taken-over saga waits technical failures out, suspended.
   */
  async function suspendedBeforePivot(clientId: number): Promise<string> {
    const { fake, orch } = system();
    const id = randomUUID();
    const lignes = fake.carts.get(clientId) ?? [];
    const reserved = await call(fake.url, 'POST', '/api/stock/reserver', {
      json: { commande_id: id, magasin_id: 1, lignes },
    });
    expect(reserved.status).to.equal(201);
    await abandonedAt(orch.db, { id, clientId, etat: 'STOCK_RESERVE', lignes, totalCents: 900 });
    fake.inject('payer', { kind: 'after-effect' }, ...many(400));
    expect(await orch.recovery.scanOnce()).to.equal(1);
    await waitFor('the suspension', async () => (await view(id)).suspension !== null);
    return id;
  }

  it('reprendre records who and why, and a second operator acting meanwhile gets 409', async () => {
    const { fake } = system();
    const { clientId, initial } = seed();
    const id = await suspendedAtPayment(clientId);
    fake.clearFaults();
    const done = await act(id, 'reprendre', { motif: 'ventes redémarré' });
    expect(done.status, done.text).to.equal(200);
    const c = done.body as View;
    expect(c.etat).to.equal('CONFIRMEE');
    expect(c.actions_operateur).to.deep.include({
      action: 'reprendre',
      par: 'inconnu (AUTH_REQUIRED=false)',
      motif: 'ventes redémarré',
      etat: 'PAIEMENT_EFFECTUE',
      at: c.actions_operateur[0]?.at,
    });
    expectError(await act(id, 'reprendre'), 409, 'ETAT_INCOMPATIBLE');
    const listed = await call(system().orch.url, 'GET', `/api/commandes?client_id=${clientId}`);
    const [summary] = listed.body as { derniere_action: { action: string } | null }[];
    expect(summary?.derniere_action).to.include({ action: 'reprendre' });
    await expectBooksBalanced(system().orch.db, fake, initial);
  });

  it('annuler needs a motif: 400, nothing recorded', async () => {
    const { clientId } = seed();
    const id = await suspendedAtPayment(clientId);
    expectError(await act(id, 'annuler', {}), 400, 'VALIDATION_ERROR');
    expect((await view(id)).actions_operateur).to.deep.equal([]);
  });

  it('the metrics count what waits for an operator, and how long the oldest has waited', async () => {
    const { clientId } = seed();
    await suspendedAtPayment(clientId);
    const text = (await call(system().orch.url, 'GET', '/metrics')).text;
    expect(text).to.match(
      /sagas_en_attente_operateur\{attente="suspendue",etat="PAIEMENT_EFFECTUE"[^}]*\} [1-9]/,
    );
    const age = /saga_attente_operateur_max_seconds\{attente="suspendue"[^}]*\} ([0-9.e+-]+)/.exec(
      text,
    );
    expect(Number(age?.[1])).to.be.greaterThan(0);
  });
});
