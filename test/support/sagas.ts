import type { Orchestrateur } from '../../src/orchestrateur/app.js';
import { participantsEnv as urlsOf } from '../../src/lib/participant-calls.js';
import { FakeParticipants } from './fake-participants.js';
import { startTestOrchestrateur } from './orchestrateur.js';
import { freshDatabaseUrl } from './postgres.js';

/** Every participant service's URL, all answered by one set of stand-ins. */
export const participantsEnv = (url: string): Record<string, string> => urlsOf(() => url);

export interface Initial {
  soldes: Map<number, number>;
  stock: Map<string, number>;
}

/** Clients with one line of `produit` in their cart and money to pay; stock of 1000. */
export function seedClients(
  fake: FakeParticipants,
  clients: readonly number[],
  produit: number,
): Initial {
  const initial: Initial = { soldes: new Map(), stock: new Map() };
  fake.setStock(1, produit, 1000);
  initial.stock.set(`1:${produit}`, 1000);
  for (const c of clients) {
    fake.carts.set(c, [{ produit_id: produit, quantite: 1, prix_unitaire_cents: 250 }]);
    fake.soldes.set(c, 100_000);
    initial.soldes.set(c, 100_000);
  }
  return initial;
}

export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  ms = 15_000,
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * One orchestrator on its own database, in front of in-memory participants, for a whole
 * suite (started before, stopped after). Call the returned function inside tests.
 */
export function useFakeSystem(
  name: string,
  env: Record<string, string>,
): () => { fake: FakeParticipants; orch: Orchestrateur } {
  let fake: FakeParticipants | undefined;
  let orch: Orchestrateur | undefined;
  before(async () => {
    fake = await new FakeParticipants().start();
    orch = await startTestOrchestrateur(
      { ...participantsEnv(fake.url), ...env },
      await freshDatabaseUrl(name),
    );
  });
  after(async () => {
    await orch?.stop();
    await fake?.stop();
  });
  return () => {
    if (!fake || !orch) throw new Error('system not started');
    return { fake, orch };
  };
}
