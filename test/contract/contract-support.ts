import { expect } from 'chai';
import type { ApiResponse } from './http.js';

/** Where the four services of the checkout answer (no trailing slash). */
export interface ParticipantUrls {
  panierUrl: string;
  stockUrl: string;
  clientUrl: string;
  ventesUrl: string;
}

export interface LigneQuantite {
  produit_id: number;
  quantite: number;
}

/**
 * How the suite makes and reads test data. Each implementation (the real services, an
 * in-memory stand-in...) provides its own; every call must create fresh, unshared data.
 */
export interface ParticipantFixture {
  /** A new client account with that balance; returns its id. */
  createClient(soldeCents: number): Promise<number>;
  soldeOf(clientId: number): Promise<number>;
  /** A client id the implementation has never heard of. */
  unknownClientId(): Promise<number>;
  /** A new produit in the catalogue at that price; returns its id. */
  createProduit(prixCents: number): Promise<number>;
  /** A magasin id that holds no stock yet. */
  newMagasinId(): Promise<number>;
  setStock(magasinId: number, produitId: number, quantite: number): Promise<void>;
  stockOf(magasinId: number, produitId: number): Promise<number>;
  /** Puts those lignes in the client's cart (prices come from the catalogue). */
  fillCart(clientId: number, lignes: readonly LigneQuantite[]): Promise<void>;
}

export interface ParticipantContext {
  urls: ParticipantUrls;
  fixture: ParticipantFixture;
}

export const headers = (commandeId: string, step: string): Record<string, string> => ({
  'idempotency-key': `${commandeId}:${step}`,
});

export function expectError(res: ApiResponse, status: number, code: string): void {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  const error = (res.body as { error?: { code?: unknown; message?: unknown } }).error;
  expect(error?.code).to.equal(code);
  expect(error?.message).to.be.a('string');
}

/** Sends the same call twice, one after the other: the first answer, then the repeat's. */
export const twice = async <T>(send: () => Promise<T>): Promise<[T, T]> => {
  const first = await send();
  return [first, await send()];
};

/** The first answer and its repeat: their statuses, and what both bodies hold. */
export function expectRepeated(
  [first, again]: readonly [ApiResponse, ApiResponse],
  statuses: readonly [number, number],
  holds: Record<string, unknown> = {},
): void {
  expect(first.status, JSON.stringify(first.body)).to.equal(statuses[0]);
  expect(first.body).to.include(holds);
  expect(again.status, JSON.stringify(again.body)).to.equal(statuses[1]);
  expect(again.body).to.include(holds);
}
