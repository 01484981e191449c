import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { get, post } from './http.js';
import {
  expectError,
  expectRepeated,
  headers,
  type ParticipantContext,
  twice,
} from './contract-support.js';
import { describeStockContract } from './stock-contract.js';

type Body = Record<string, unknown>;

export type {
  LigneQuantite,
  ParticipantContext,
  ParticipantFixture,
  ParticipantUrls,
} from './contract-support.js';

/**
 * The saga contract (docs/saga-contract.md) as seen by the orchestrator, run against any
 * implementation of the panier, stock, client and ventes services. `getContext` is called
 * inside each test, so the caller may start its services in a `before` hook.
 */
export function describeParticipantContract(
  label: string,
  getContext: () => ParticipantContext,
): void {
  describe(`saga participant contract: ${label}`, function () {
    this.timeout(30_000);
    const ctx = (): ParticipantContext => getContext();

    const payer = (clientId: number, commandeId: string, montant: number) =>
      post<Body>(
        `${ctx().urls.clientUrl}/api/clients/${clientId}/payer`,
        { commande_id: commandeId, montant_cents: montant },
        headers(commandeId, 'paiement'),
      );
    const rembourser = (clientId: number, commandeId: string) =>
      post<Body>(
        `${ctx().urls.clientUrl}/api/clients/${clientId}/rembourser`,
        { commande_id: commandeId },
        headers(commandeId, 'paiement-compensation'),
      );

    /** A new client whose cart holds, per `[prix, quantite]`, that many of a new produit. */
    async function clientWithCart(
      ...lignes: readonly (readonly [prix: number, quantite: number])[]
    ): Promise<{ client: number; produits: number[] }> {
      const { fixture } = ctx();
      const client = await fixture.createClient(0);
      const produits: number[] = [];
      for (const [prix] of lignes) produits.push(await fixture.createProduit(prix));
      await fixture.fillCart(
        client,
        lignes.map(([, quantite], i) => ({ produit_id: produits[i] ?? 0, quantite })),
      );
      return { client, produits };
    }

    describe('every service', () => {
      it('answers /health and /ready with 200', async () => {
        for (const url of Object.values(ctx().urls)) {
          expect((await get(`${url}/health`)).status, `${url}/health`).to.equal(200);
          expect((await get(`${url}/ready`)).status, `${url}/ready`).to.equal(200);
        }
      });

      it('refuses a malformed body with 400 and an error code', async () => {
        const res = await post(`${ctx().urls.stockUrl}/api/stock/reserver`, { commande_id: 'x' });
        expect(res.status).to.equal(400);
        expect((res.body as { error: { code: string } }).error.code).to.match(/^[A-Z_]+$/);
      });
    });

    describe('panier', () => {
      it('returns the lignes of a filled cart with prices and total_cents', async () => {
        const { urls } = ctx();
        const { client, produits } = await clientWithCart([199, 3], [1000, 1]);
        const [p1, p2] = produits;
        const res = await get<Body>(`${urls.panierUrl}/api/panier/${client}`);
        expect(res.status).to.equal(200);
        expect(res.body.client_id).to.equal(client);
        expect(res.body.total_cents).to.equal(3 * 199 + 1000);
        expect(res.body.lignes).to.have.deep.members([
          { produit_id: p1, quantite: 3, prix_unitaire_cents: 199 },
          { produit_id: p2, quantite: 1, prix_unitaire_cents: 1000 },
        ]);
      });

      it('answers 200 with no lignes for a known client with an empty cart', async () => {
        const { fixture, urls } = ctx();
        const client = await fixture.createClient(0);
        const res = await get<Body>(`${urls.panierUrl}/api/panier/${client}`);
        expect(res.status).to.equal(200);
        expect(res.body).to.include({ client_id: client, total_cents: 0 });
        expect(res.body.lignes).to.deep.equal([]);
      });

      it('answers 404 CLIENT_INCONNU for an unknown client', async () => {
        const { fixture, urls } = ctx();
        const res = await get(`${urls.panierUrl}/api/panier/${await fixture.unknownClientId()}`);
        expectError(res, 404, 'CLIENT_INCONNU');
      });

      it('vider removes exactly the given quantities, once per commande', async () => {
        const { urls } = ctx();
        const { client, produits } = await clientWithCart([100, 3], [300, 1]);
        const [p1, p2] = produits;
        const commande = randomUUID();
        const body = {
          commande_id: commande,
          lignes: [
            { produit_id: p1, quantite: 2, prix_unitaire_cents: 100 },
            { produit_id: p2, quantite: 1, prix_unitaire_cents: 300 },
          ],
        };
        const url = `${urls.panierUrl}/api/panier/${client}/vider`;
        const answers = await twice(() => post(url, body, headers(commande, 'vider-panier')));
        expectRepeated(answers, [200, 200]);
        const panier = await get<Body>(`${urls.panierUrl}/api/panier/${client}`);
        expect(panier.body.lignes).to.deep.equal([
          { produit_id: p1, quantite: 1, prix_unitaire_cents: 100 },
        ]);
        expect(panier.body.total_cents).to.equal(100);
      });
    });

    describeStockContract(ctx);

    describe('client (paiement)', () => {
      it('payer answers 201 EFFECTUE, then 200 on a repeat without paying twice', async () => {
        const { fixture } = ctx();
        const client = await fixture.createClient(10_000);
        const commande = randomUUID();
        const answers = await twice(() => payer(client, commande, 2_500));
        expectRepeated(answers, [201, 200], {
          commande_id: commande,
          etat: 'EFFECTUE',
          montant_cents: 2_500,
        });
        expect(await fixture.soldeOf(client)).to.equal(7_500);
      });

      it('refuses with 402 SOLDE_INSUFFISANT and leaves the balance alone', async () => {
        const { fixture } = ctx();
        const client = await fixture.createClient(999);
        expectError(await payer(client, randomUUID(), 1_000), 402, 'SOLDE_INSUFFISANT');
        expect(await fixture.soldeOf(client)).to.equal(999);
      });

      it('refuses with 404 CLIENT_INCONNU for an unknown client', async () => {
        const unknown = await ctx().fixture.unknownClientId();
        expectError(await payer(unknown, randomUUID(), 100), 404, 'CLIENT_INCONNU');
      });

      it('rembourser gives back exactly what that commande paid, once', async () => {
        const { fixture } = ctx();
        const client = await fixture.createClient(10_000);
        const kept = randomUUID();
        const refunded = randomUUID();
        expect((await payer(client, kept, 1_200)).status).to.equal(201);
        expect((await payer(client, refunded, 3_300)).status).to.equal(201);
        const answers = await twice(() => rembourser(client, refunded));
        expectRepeated(answers, [200, 200], { commande_id: refunded, etat: 'REMBOURSE' });
        expect(await fixture.soldeOf(client)).to.equal(10_000 - 1_200);
      });

      it('rembourser for an unknown commande answers 200 REMBOURSE (null compensation)', async () => {
        const { fixture } = ctx();
        const client = await fixture.createClient(500);
        const commande = randomUUID();
        const res = await rembourser(client, commande);
        expect(res.status).to.equal(200);
        expect(res.body).to.include({ commande_id: commande, etat: 'REMBOURSE' });
        expect(await fixture.soldeOf(client)).to.equal(500);
      });

      it('refuses a payer that arrives after its rembourser with 409 ALREADY_COMPENSATED', async () => {
        const { fixture } = ctx();
        const client = await fixture.createClient(5_000);
        const commande = randomUUID();
        expect((await rembourser(client, commande)).status).to.equal(200);
        expectError(await payer(client, commande, 1_000), 409, 'ALREADY_COMPENSATED');
        expect(await fixture.soldeOf(client)).to.equal(5_000);
      });
    });

    describe('ventes', () => {
      it('records a vente with 201, then answers 200 with the same vente on a repeat', async () => {
        const { fixture, urls } = ctx();
        const commande = randomUUID();
        const vente = {
          commande_id: commande,
          client_id: await fixture.createClient(0),
          magasin_id: await fixture.newMagasinId(),
          lignes: [
            { produit_id: await fixture.createProduit(150), quantite: 2, prix_unitaire_cents: 150 },
          ],
          total_cents: 300,
        };
        const answers = await twice(() =>
          post<Body>(`${urls.ventesUrl}/api/ventes`, vente, headers(commande, 'vente')),
        );
        expectRepeated(answers, [201, 200], { commande_id: commande, total_cents: 300 });
        const [first, again] = answers;
        expect(first.body.id).to.exist;
        expect(again.body.id).to.equal(first.body.id);
      });

      it('refuses a vente whose body is not valid with a 4xx', async () => {
        const res = await post(`${ctx().urls.ventesUrl}/api/ventes`, {
          commande_id: 'not-a-uuid',
          client_id: 1,
          magasin_id: 1,
          lignes: [],
          total_cents: 0,
        });
        expect(res.status).to.be.within(400, 499);
      });
    });
  });
}
