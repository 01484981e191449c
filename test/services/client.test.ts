import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { get, post, statusCounts } from '../contract/http.js';
import { serviceForSuite, startTestClient } from './support/services.js';

type Client = { id: number; nom: string; email: string; solde_cents: number };

let n = 0;
const email = (): string => {
  n += 1;
  return `client-${n}@example.test`;
};

describe('client service', () => {
  const svc = serviceForSuite(startTestClient);
  const createClient = async (solde: number): Promise<number> => {
    const res = await post<Client>(`${svc().url}/api/clients`, {
      nom: 'Test',
      email: email(),
      solde_cents: solde,
    });
    expect(res.status).to.equal(201);
    return res.body.id;
  };
  const solde = async (id: number): Promise<number> =>
    (await get<Client>(`${svc().url}/api/clients/${id}`)).body.solde_cents;
  const payer = (id: number, commande: string, montant: number) =>
    post(`${svc().url}/api/clients/${id}/payer`, { commande_id: commande, montant_cents: montant });

  describe('accounts', () => {
    it('creates an account with a lower-cased email and a zero balance by default', async () => {
      const res = await post<Client>(`${svc().url}/api/clients`, {
        nom: 'Zoé',
        email: 'Zoe@Example.TEST',
      });
      expect(res.status).to.equal(201);
      expect(res.body).to.include({ nom: 'Zoé', email: 'zoe@example.test', solde_cents: 0 });
      expect(res.headers.location).to.equal(`/api/clients/${res.body.id}`);
    });

    it('refuses a second account with the same email with 409 EMAIL_DEJA_UTILISE', async () => {
      const address = email();
      await post(`${svc().url}/api/clients`, { nom: 'A', email: address });
      const again = await post(`${svc().url}/api/clients`, {
        nom: 'B',
        email: address.toUpperCase(),
      });
      expect(again.status).to.equal(409);
      expect(again.body).to.have.nested.property('error.code', 'EMAIL_DEJA_UTILISE');
    });

    it('refuses a bad email or a negative balance with 400', async () => {
      expect((await post(`${svc().url}/api/clients`, { nom: 'A', email: 'nope' })).status).to.equal(
        400,
      );
      const negative = await post(`${svc().url}/api/clients`, {
        nom: 'A',
        email: email(),
        solde_cents: -5,
      });
      expect(negative.status).to.equal(400);
    });

    it('credits an account and answers 404 CLIENT_INCONNU for an unknown one', async () => {
      const id = await createClient(100);
      const res = await post<Client>(`${svc().url}/api/clients/${id}/crediter`, {
        montant_cents: 250,
      });
      expect(res.body.solde_cents).to.equal(350);
      const unknown = await post(`${svc().url}/api/clients/999999/crediter`, { montant_cents: 1 });
      expect(unknown.status).to.equal(404);
      expect(unknown.body).to.have.nested.property('error.code', 'CLIENT_INCONNU');
      expect((await get(`${svc().url}/api/clients/999999`)).status).to.equal(404);
    });
  });

  describe('bounds', () => {
    it('refuses a credit past the largest exact balance with 409 SOLDE_MAXIMUM_DEPASSE', async () => {
      const id = await createClient(Number.MAX_SAFE_INTEGER - 10);
      const over = await post(`${svc().url}/api/clients/${id}/crediter`, { montant_cents: 11 });
      expect(over.status).to.equal(409);
      expect(over.body).to.have.nested.property('error.code', 'SOLDE_MAXIMUM_DEPASSE');
      expect(await solde(id)).to.equal(Number.MAX_SAFE_INTEGER - 10);
      const upTo = await post<Client>(`${svc().url}/api/clients/${id}/crediter`, {
        montant_cents: 10,
      });
      expect(upTo.body.solde_cents).to.equal(Number.MAX_SAFE_INTEGER);
    });

    it('pages the paiements of a client with limit and offset, newest first', async () => {
      const id = await createClient(5_000);
      const commandes = [randomUUID(), randomUUID(), randomUUID()];
      for (const c of commandes) await payer(id, c, 100);
      const page = async (query: string): Promise<string[]> =>
        (
          await get<{ paiements: { commande_id: string }[] }>(
            `${svc().url}/api/clients/${id}/paiements?${query}`,
          )
        ).body.paiements.map((p) => p.commande_id);
      expect(await page('limit=2')).to.deep.equal([commandes[2], commandes[1]]);
      expect(await page('limit=2&offset=2')).to.deep.equal([commandes[0]]);
    });
  });

  describe('payer / rembourser', () => {
    it('keeps one ledger row per commande, shown in the client paiements', async () => {
      const id = await createClient(5_000);
      const commande = randomUUID();
      await payer(id, commande, 1_000);
      await payer(id, commande, 1_000);
      await post(`${svc().url}/api/clients/${id}/rembourser`, { commande_id: commande });
      const res = await get<{ paiements: Record<string, unknown>[] }>(
        `${svc().url}/api/clients/${id}/paiements`,
      );
      expect(res.body.paiements).to.have.length(1);
      expect(res.body.paiements[0]).to.include({
        commande_id: commande,
        etat: 'REMBOURSE',
        montant_cents: 1_000,
      });
      expect(await solde(id)).to.equal(5_000);
    });

    it('reports the refunded amount, and 0 for a null compensation', async () => {
      const id = await createClient(5_000);
      const paid = randomUUID();
      await payer(id, paid, 1_234);
      const refund = await post(`${svc().url}/api/clients/${id}/rembourser`, { commande_id: paid });
      expect(refund.body).to.deep.equal({
        commande_id: paid,
        etat: 'REMBOURSE',
        montant_cents: 1_234,
      });
      const nothing = randomUUID();
      const tombstone = await post(`${svc().url}/api/clients/${id}/rembourser`, {
        commande_id: nothing,
      });
      expect(tombstone.body).to.deep.equal({
        commande_id: nothing,
        etat: 'REMBOURSE',
        montant_cents: 0,
      });
    });

    it('refuses the same commande with another amount with 422 IDEMPOTENCY_MISMATCH', async () => {
      const id = await createClient(5_000);
      const commande = randomUUID();
      await payer(id, commande, 1_000);
      const other = await payer(id, commande, 2_000);
      expect(other.status).to.equal(422);
      expect(other.body).to.have.nested.property('error.code', 'IDEMPOTENCY_MISMATCH');
      expect(await solde(id)).to.equal(4_000);
    });

    it('refuses to refund a commande paid by another client with 422', async () => {
      const payerId = await createClient(5_000);
      const otherId = await createClient(0);
      const commande = randomUUID();
      await payer(payerId, commande, 1_000);
      const res = await post(`${svc().url}/api/clients/${otherId}/rembourser`, {
        commande_id: commande,
      });
      expect(res.status).to.equal(422);
      expect(await solde(otherId)).to.equal(0);
      expect(await solde(payerId)).to.equal(4_000);
    });

    it('of concurrent payments larger than the balance allows, only what fits is taken', async () => {
      const id = await createClient(5_000);
      const results = await Promise.all(
        Array.from({ length: 12 }, () => payer(id, randomUUID(), 1_000)),
      );
      expect(statusCounts(results)).to.deep.equal({ 201: 5, 402: 7 });
      expect(await solde(id)).to.equal(0);
    });

    it('pays once when the same commande arrives many times at once', async () => {
      const id = await createClient(5_000);
      const commande = randomUUID();
      const results = await Promise.all(Array.from({ length: 8 }, () => payer(id, commande, 700)));
      expect(statusCounts(results)).to.deep.equal({ 200: 7, 201: 1 });
      expect(await solde(id)).to.equal(4_300);
    });

    it('refunds once when rembourser arrives many times at once', async () => {
      const id = await createClient(5_000);
      const commande = randomUUID();
      await payer(id, commande, 900);
      const url = `${svc().url}/api/clients/${id}/rembourser`;
      const results = await Promise.all(
        Array.from({ length: 8 }, () => post(url, { commande_id: commande })),
      );
      expect(results.every((r) => r.status === 200)).to.equal(true);
      expect(await solde(id)).to.equal(5_000);
    });
  });
});
