import nock from 'nock';
import { CLIENT, PANIER, STOCK, VENTES } from './orchestrateur.js';

export interface Ligne {
  produit_id: number;
  quantite: number;
  prix_unitaire_cents: number;
}

export const LIGNES: Ligne[] = [
  { produit_id: 1, quantite: 2, prix_unitaire_cents: 1250 },
  { produit_id: 3, quantite: 1, prix_unitaire_cents: 499 },
];
export const TOTAL = 2 * 1250 + 499;

export const keyFor = (step: string): RegExp => new RegExp(`^[0-9a-f-]{36}:${step}$`);

/** nock stand-ins for the four services, recording each call in order. */
export function participants(clientId: number) {
  const log: { what: string; key: string | undefined; body: unknown }[] = [];
  const note = (what: string, status: number, reply: (body: unknown) => unknown) =>
    function (this: nock.ReplyFnContext, _uri: string, body: nock.Body): [number, nock.Body] {
      const key = this.req.headers['idempotency-key'];
      log.push({ what, key: Array.isArray(key) ? key[0] : key, body });
      return [status, reply(body) as nock.Body];
    };
  const commandeOf = (b: unknown): string => (b as { commande_id: string }).commande_id;
  return {
    log,
    names: () => log.map((l) => l.what),
    panier: (
      status = 200,
      body: unknown = { client_id: clientId, lignes: LIGNES, total_cents: TOTAL },
      delayMs = 0,
    ) =>
      nock(PANIER)
        .get(`/api/panier/${clientId}`)
        .delay(delayMs)
        .reply(note('panier', status, () => body)),
    reserver: (status = 201, body?: (b: unknown) => unknown) =>
      nock(STOCK)
        .post('/api/stock/reserver')
        .reply(
          note(
            'reserver',
            status,
            body ?? ((b) => ({ commande_id: commandeOf(b), etat: 'RESERVEE' })),
          ),
        ),
    liberer: (status = 200) =>
      nock(STOCK)
        .post('/api/stock/liberer')
        .reply(note('liberer', status, (b) => ({ commande_id: commandeOf(b), etat: 'LIBEREE' }))),
    payer: (status = 201, body?: (b: unknown) => unknown) =>
      nock(CLIENT)
        .post(`/api/clients/${clientId}/payer`)
        .reply(
          note(
            'payer',
            status,
            body ??
              ((b) => ({ commande_id: commandeOf(b), etat: 'EFFECTUE', montant_cents: TOTAL })),
          ),
        ),
    rembourser: (status = 200) =>
      nock(CLIENT)
        .post(`/api/clients/${clientId}/rembourser`)
        .reply(
          note('rembourser', status, (b) => ({ commande_id: commandeOf(b), etat: 'REMBOURSE' })),
        ),
    vente: (status = 201, body?: (b: unknown) => unknown) =>
      nock(VENTES)
        .post('/api/ventes')
        .reply(
          note(
            'vente',
            status,
            body ?? ((b) => ({ id: 42, commande_id: commandeOf(b), total_cents: TOTAL })),
          ),
        ),
    vider: (status = 200) =>
      nock(PANIER)
        .post(`/api/panier/${clientId}/vider`)
        .reply(note('vider', status, (b) => ({ client_id: clientId, commande_id: commandeOf(b) }))),
  };
}

export const error = (code: string, message = code) => ({ error: { code, message } });
