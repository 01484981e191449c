import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Participant, PanneMode } from '../../../src/lib/pannes.js';
import { type ApiResponse, call, get, post } from '../../contract/http.js';
import { realServicesContext } from '../../contract/real-services-fixture.js';
import { expectDocumented } from './openapi.js';
import type { TestServices } from './services.js';

/** One saga call made ready: the call itself, and a reading of what it changes. */
export interface Prepared {
  call(): Promise<ApiResponse>;
  /** What the call changes (a balance, a stock level...): equal before and after a fault. */
  effect(): Promise<unknown>;
  /** The status of the call when it goes through. */
  ok: number;
}

export interface OperationCase {
  participant: Participant;
  operation: string;
  prepare(s: TestServices): Promise<Prepared>;
}

/** A saga call whose answer, whatever it is, must be one services.yaml describes. */
const sent =
  (method: 'GET' | 'POST', url: string, body?: unknown) => async (): Promise<ApiResponse> => {
    const res = await call(method, url, body === undefined ? {} : { json: body });
    expectDocumented(method, url, res);
    return res;
  };

const json = async <T>(res: Promise<ApiResponse<T>>, status: number): Promise<T> => {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).to.equal(status);
  return r.body;
};

/** A client with `solde` cents and a cart of 2 units of a new produit at 250 cents. */
async function clientWithCart(s: TestServices, solde = 0) {
  const { fixture } = realServicesContext(s);
  const client = await fixture.createClient(solde);
  const produit = await fixture.createProduit(250);
  await fixture.fillCart(client, [{ produit_id: produit, quantite: 2 }]);
  return { client, produit, fixture };
}

/** A magasin holding 10 of a new produit, and the body of a reservation of 2 of them. */
async function stockReady(s: TestServices) {
  const { fixture } = realServicesContext(s);
  const produit = await fixture.createProduit(100);
  const magasin = await fixture.newMagasinId();
  await fixture.setStock(magasin, produit, 10);
  const commande_id = randomUUID();
  const body = { commande_id, magasin_id: magasin, lignes: [{ produit_id: produit, quantite: 2 }] };
  return { body, effect: () => fixture.stockOf(magasin, produit) };
}

async function clientReady(s: TestServices, paid: boolean) {
  const { fixture } = realServicesContext(s);
  const client = await fixture.createClient(10_000);
  const commande_id = randomUUID();
  const url = `${s.client.url}/api/clients/${client}`;
  if (paid) await json(post(`${url}/payer`, { commande_id, montant_cents: 500 }), 201);
  return { url, commande_id, effect: () => fixture.soldeOf(client) };
}

/** Every operation the switches cover, each as the saga calls it. */
export const OPERATION_CASES: readonly OperationCase[] = [
  {
    participant: 'panier',
    operation: 'lire_panier',
    async prepare(s) {
      const { client } = await clientWithCart(s);
      const url = `${s.panier.url}/api/panier/${client}`;
      return { call: sent('GET', url), effect: () => Promise.resolve('a read'), ok: 200 };
    },
  },
  {
    participant: 'panier',
    operation: 'vider_panier',
    async prepare(s) {
      const { client, produit } = await clientWithCart(s);
      const url = `${s.panier.url}/api/panier/${client}`;
      const body = { commande_id: randomUUID(), lignes: [{ produit_id: produit, quantite: 2 }] };
      return {
        call: sent('POST', `${url}/vider`, body),
        effect: async () => (await json(get<{ lignes: unknown[] }>(url), 200)).lignes,
        ok: 200,
      };
    },
  },
  {
    participant: 'stock',
    operation: 'reserver_stock',
    async prepare(s) {
      const { body, effect } = await stockReady(s);
      return { call: sent('POST', `${s.stock.url}/api/stock/reserver`, body), effect, ok: 201 };
    },
  },
  {
    participant: 'stock',
    operation: 'liberer_stock',
    async prepare(s) {
      const { body, effect } = await stockReady(s);
      await json(post(`${s.stock.url}/api/stock/reserver`, body), 201);
      const liberer = { commande_id: body.commande_id };
      return { call: sent('POST', `${s.stock.url}/api/stock/liberer`, liberer), effect, ok: 200 };
    },
  },
  {
    participant: 'client',
    operation: 'payer',
    async prepare(s) {
      const { url, commande_id, effect } = await clientReady(s, false);
      const body = { commande_id, montant_cents: 500 };
      return { call: sent('POST', `${url}/payer`, body), effect, ok: 201 };
    },
  },
  {
    participant: 'client',
    operation: 'rembourser',
    async prepare(s) {
      const { url, commande_id, effect } = await clientReady(s, true);
      return { call: sent('POST', `${url}/rembourser`, { commande_id }), effect, ok: 200 };
    },
  },
  {
    participant: 'ventes',
    operation: 'enregistrer_vente',
    async prepare(s) {
      const commande_id = randomUUID();
      const lignes = [{ produit_id: 1, quantite: 2, prix_unitaire_cents: 250 }];
      const body = { commande_id, client_id: 1, magasin_id: 1, lignes, total_cents: 500 };
      const url = `${s.ventes.url}/api/ventes`;
      return {
        call: sent('POST', url, body),
        effect: async () => (await get(`${url}/commande/${commande_id}`)).status,
        ok: 201,
      };
    },
  },
];

export const participantUrl = (s: TestServices, p: Participant): string => s[p].url;

/** PUT /api/pannes/{participant}/{operation}; the body is sent as given (bad input too). */
export async function arm(
  base: string,
  participant: string,
  operation: string,
  body: { mode: PanneMode; nombre: number } | Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const url = `${base}/api/pannes/${participant}/${operation}`;
  const res = await call('PUT', url, { json: body, headers });
  expectDocumented('PUT', url, res);
  return res;
}

export interface PannesBody {
  participant: string;
  operations: string[];
  actives: { operation: string; mode: string; restant: number }[];
}

export async function pannesOf(base: string, participant: string): Promise<PannesBody> {
  const url = `${base}/api/pannes/${participant}`;
  const res = await get<PannesBody>(url);
  expectDocumented('GET', url, res);
  return json(Promise.resolve(res), 200);
}
