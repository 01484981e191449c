import { FakeParticipants } from '../support/fake-participants.js';
import type { ParticipantContext } from './participant-contract.js';
import { describeParticipantContract } from './participant-contract.js';

/** The in-memory stand-ins used by the crash, recovery and bench runs pass the same contract. */
describe('the in-memory stand-ins', () => {
  const fake = new FakeParticipants();
  const prix = new Map<number, number>();
  let next = 1_000_000;
  const fresh = (): number => (next += 1);
  const context: ParticipantContext = {
    urls: { panierUrl: '', stockUrl: '', clientUrl: '', ventesUrl: '' },
    fixture: {
      async createClient(soldeCents) {
        const clientId = fresh();
        fake.soldes.set(clientId, soldeCents);
        return clientId;
      },
      soldeOf: async (clientId) => fake.soldes.get(clientId) ?? -1,
      unknownClientId: async () => fresh(),
      async createProduit(prixCents) {
        const produit = fresh();
        prix.set(produit, prixCents);
        return produit;
      },
      newMagasinId: async () => fresh(),
      setStock: async (magasin, produit, quantite) => fake.setStock(magasin, produit, quantite),
      stockOf: async (magasin, produit) => fake.stockOf(magasin, produit),
      async fillCart(clientId, lignes) {
        const cart = fake.carts.get(clientId) ?? [];
        for (const l of lignes) {
          cart.push({ ...l, prix_unitaire_cents: prix.get(l.produit_id) ?? 0 });
        }
        fake.carts.set(clientId, cart);
      },
    },
  };

  before(async () => {
    await fake.start();
    const url = fake.url;
    context.urls = { panierUrl: url, stockUrl: url, clientUrl: url, ventesUrl: url };
  });
  after(() => fake.stop());

  describeParticipantContract('FakeParticipants', () => context);
});
