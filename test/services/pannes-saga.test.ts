import { expect } from 'chai';
import type { Participant, PanneMode } from '../../src/lib/pannes.js';
import type { Orchestrateur } from '../../src/orchestrateur/app.js';
import { type CommandeBody, checkout, etats } from '../support/checkout.js';
import { startTestOrchestrateur } from '../support/orchestrateur.js';
import { del } from '../contract/http.js';
import { realServicesContext } from '../contract/real-services-fixture.js';
import { startServicesWith } from './support/demo-services.js';
import { arm } from './support/pannes-cases.js';
import type { TestServices } from './support/services.js';
import { participantsEnv } from '../../src/lib/participant-calls.js';

// Longer than the orchestrator's step timeout in the tests (SAGA_STEP_TIMEOUT_MS=1000).
const LENTEUR_MS = 1500;

const detailOf = (c: CommandeBody, etat: string): Record<string, unknown> | undefined =>
  c.historique.find((h) => h.etat === etat)?.detail as Record<string, unknown> | undefined;

/** What the web front's "Pannes" page does, watched through real sagas. */
describe('demo fault switches seen through the saga', function () {
  this.timeout(30_000);
  let services: TestServices;
  let orch: Orchestrateur;

  before(async () => {
    services = await startServicesWith({
      DEMO_FAULTS: 'true',
      PANNE_LENTEUR_MS: String(LENTEUR_MS),
    });
    orch = await startTestOrchestrateur({
      AUTH_REQUIRED: 'false',
      ...participantsEnv((s) => services[s].url),
    });
  });

  afterEach(async () => {
    for (const p of ['panier', 'stock', 'client', 'ventes'] as const) {
      await del(`${services[p].url}/api/pannes/${p}`);
    }
  });

  after(async () => {
    await orch?.stop();
    await services?.close();
  });

  /**
   * A client with 100.00 € and 2 units at 2.50 € in the cart, in a magasin holding 10,
   * orders once that fault is armed.
   */
  async function orderWith(p: Participant, operation: string, mode: PanneMode, nombre: number) {
    const { fixture } = realServicesContext(services);
    const client = await fixture.createClient(10_000);
    const produit = await fixture.createProduit(250);
    const magasin = await fixture.newMagasinId();
    await fixture.setStock(magasin, produit, 10);
    await fixture.fillCart(client, [{ produit_id: produit, quantite: 2 }]);
    await arm(services[p].url, p, operation, { mode, nombre });
    const res = await checkout(orch.url, client, {}, magasin);
    return {
      res,
      solde: () => fixture.soldeOf(client),
      stock: () => fixture.stockOf(magasin, produit),
    };
  }

  it('paiement 503 x2: the step is retried and the commande confirms once', async () => {
    const { res, solde, stock } = await orderWith('client', 'payer', 'indisponible', 2);
    expect(res.status, res.text).to.equal(201);
    expect(res.commande.etat).to.equal('CONFIRMEE');
    expect(detailOf(res.commande, 'PAIEMENT_EFFECTUE')).to.include({ tentatives: 3 });
    expect(await solde()).to.equal(10_000 - 500);
    expect(await stock()).to.equal(8);
  });

  it('ventes refuses: the payment is refunded, then the stock released, ANNULEE', async () => {
    const { res, solde, stock } = await orderWith('ventes', 'enregistrer_vente', 'refus', 1);
    expect(res.status, res.text).to.equal(409);
    expect(res.commande.etat).to.equal('ANNULEE');
    expect(res.commande.echec).to.include({ etape: 'vente', code: 'VENTE_INVALIDE' });
    expect(etats(res.commande).slice(-2)).to.deep.equal(['ECHEC_ENREGISTREMENT', 'ANNULEE']);
    const done = detailOf(res.commande, 'ANNULEE')?.compensations as { compensation: string }[];
    expect(done.map((d) => d.compensation)).to.deep.equal(['rembourser', 'liberer_stock']);
    expect(await solde()).to.equal(10_000);
    expect(await stock()).to.equal(10);
  });

  it('stock lenteur x1: the attempt times out, the retry reserves, CONFIRMEE', async () => {
    const { res, stock } = await orderWith('stock', 'reserver_stock', 'lenteur', 1);
    expect(res.status, res.text).to.equal(201);
    expect(detailOf(res.commande, 'STOCK_RESERVE')).to.include({ tentatives: 2 });
    expect(await stock()).to.equal(8);
  });

  it('panier 503 x1 on the cart read: read again, CONFIRMEE', async () => {
    const { res } = await orderWith('panier', 'lire_panier', 'indisponible', 1);
    expect(res.status, res.text).to.equal(201);
    expect(detailOf(res.commande, 'PANIER_RECUPERE')).to.include({ tentatives: 2 });
  });
});
