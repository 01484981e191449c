import { expect } from 'chai';
import type { TestServices } from '../services/support/services.js';
import { get, post, put } from './http.js';
import type { LigneQuantite, ParticipantContext } from './participant-contract.js';

let nextMagasin = 0;

/** The contract's fixture implemented with the real services' own HTTP APIs. */
export function realServicesContext(s: TestServices): ParticipantContext {
  const ok = <T>(res: { status: number; body: T }, expected: number[]): T => {
    expect(expected, JSON.stringify(res.body)).to.include(res.status);
    return res.body;
  };
  return {
    urls: {
      panierUrl: s.panier.url,
      stockUrl: s.stock.url,
      clientUrl: s.client.url,
      ventesUrl: s.ventes.url,
    },
    fixture: {
      async createClient(soldeCents) {
        const email = `c-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`;
        const body = { nom: 'Client de test', email, solde_cents: soldeCents };
        return ok(await post<{ id: number }>(`${s.client.url}/api/clients`, body), [201]).id;
      },
      async soldeOf(clientId) {
        return ok(
          await get<{ solde_cents: number }>(`${s.client.url}/api/clients/${clientId}`),
          [200],
        ).solde_cents;
      },
      unknownClientId: () => Promise.resolve(2_000_000_000),
      async createProduit(prixCents) {
        const body = { nom: 'Produit de test', categorie: 'test', prix_cents: prixCents };
        return ok(await post<{ id: number }>(`${s.produits.url}/api/produits`, body), [201]).id;
      },
      newMagasinId() {
        nextMagasin += 1;
        return Promise.resolve(100_000 + nextMagasin);
      },
      async setStock(magasinId, produitId, quantite) {
        const url = `${s.stock.url}/api/stock/magasins/${magasinId}/produits/${produitId}`;
        ok(await put(url, { quantite }), [200]);
      },
      async stockOf(magasinId, produitId) {
        const url = `${s.stock.url}/api/stock/magasins/${magasinId}/produits/${produitId}`;
        return ok(await get<{ quantite: number }>(url), [200]).quantite;
      },
      async fillCart(clientId, lignes: readonly LigneQuantite[]) {
        for (const l of lignes) {
          ok(await post(`${s.panier.url}/api/panier/${clientId}/lignes`, l), [200]);
        }
      },
    },
  };
}
