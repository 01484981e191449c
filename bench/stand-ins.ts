import { participantsEnv } from '../src/lib/participant-calls.js';
import { FakeParticipants } from '../test/support/fake-participants.js';

/** Clients the load spreads over; each has this cart and an endless balance. */
export const CLIENTS = 200;
export const CART = [
  { produit_id: 1, quantite: 2, prix_unitaire_cents: 1250 },
  { produit_id: 2, quantite: 1, prix_unitaire_cents: 499 },
] as const;
export const CART_TOTAL = CART.reduce((sum, l) => sum + l.quantite * l.prix_unitaire_cents, 0);

/**
 * The in-memory participants every system of the bench calls (they answer at once and are
 * not what is measured): carts that are never consumed, stock and money that never run out.
 */
export async function startStandIns(): Promise<{
  fake: FakeParticipants;
  /** Every participant service's `<SERVICE>_URL`, all answered by the stand-ins. */
  urls: Record<string, string>;
}> {
  const fake = await new FakeParticipants().start();
  fake.consumeCarts = false;
  fake.recordCalls = false;
  fake.setStock(1, 1, 1e12);
  fake.setStock(1, 2, 1e12);
  for (let c = 1; c <= CLIENTS; c += 1) {
    fake.carts.set(
      c,
      CART.map((l) => ({ ...l })),
    );
    fake.soldes.set(c, 1e15);
  }
  return { fake, urls: participantsEnv(() => fake.url) };
}
