/**
 * Before a system is measured, a few checkouts of client 1 with injected faults check that
 * it makes exactly the calls the orchestrator makes: same order, same bodies, same
 * `Idempotency-Key`s, same retries and compensations. A system that differs would not be
 * doing the same work, so the bench stops.
 */
import { isDeepStrictEqual } from 'node:util';
import type { FakeParticipants, Route } from '../../test/support/fake-participants.js';
import { CART, CART_TOTAL } from '../stand-ins.js';
import type { RunningSystem } from './systems.js';

interface Scenario {
  name: string;
  faults: [Route, number][];
  /** The status class the checkout must end with: 2xx, 409 or 502. */
  status: 'ok' | 409 | 502;
  /** call:key-suffix of every call, in order, by the call's name in the record (the panier GET has no key). */
  calls: string[];
}

const HAPPY = [
  'lire_panier:',
  'reserver_stock:stock',
  'payer:paiement',
  'enregistrer_vente:vente',
  'vider_panier:vider_panier',
];
const SCENARIOS: Scenario[] = [
  { name: 'confirmed', faults: [], status: 'ok', calls: HAPPY },
  {
    name: 'payment refused: the stock is released',
    faults: [['payer', 409]],
    status: 409,
    calls: [
      'lire_panier:',
      'reserver_stock:stock',
      'payer:paiement',
      'liberer_stock:liberer_stock',
    ],
  },
  {
    // Restate retries by replaying the journal: the refusal must come back as a refusal.
    name: 'payment refused, release unavailable once: released on retry',
    faults: [
      ['payer', 409],
      ['liberer_stock', 503],
    ],
    status: 409,
    calls: [
      'lire_panier:',
      'reserver_stock:stock',
      'payer:paiement',
      'liberer_stock:liberer_stock',
      'liberer_stock:liberer_stock',
    ],
  },
  {
    name: 'stock unavailable once: retried with the same key',
    faults: [['reserver_stock', 503]],
    status: 'ok',
    calls: ['lire_panier:', 'reserver_stock:stock', ...HAPPY.slice(1)],
  },
  {
    name: 'sale refused: refund, then release',
    faults: [['enregistrer_vente', 409]],
    status: 409,
    calls: [...HAPPY.slice(0, 4), 'rembourser:rembourser', 'liberer_stock:liberer_stock'],
  },
  {
    name: 'payment unavailable 4 times: effect unknown, so refunded too, then released',
    faults: [
      ['payer', 503],
      ['payer', 503],
      ['payer', 503],
      ['payer', 503],
    ],
    status: 502,
    calls: [
      ...HAPPY.slice(0, 2),
      ...Array<string>(4).fill('payer:paiement'),
      'rembourser:rembourser',
      'liberer_stock:liberer_stock',
    ],
  },
];

/** The body each route must receive from a checkout of client 1 in magasin 1. */
function expectedBody(route: Route, id: string): unknown {
  const lignes = CART.map((l) => ({ ...l }));
  switch (route) {
    case 'lire_panier':
      return undefined;
    case 'reserver_stock':
      return {
        commande_id: id,
        magasin_id: 1,
        lignes: lignes.map(({ produit_id, quantite }) => ({ produit_id, quantite })),
      };
    case 'payer':
      return { commande_id: id, montant_cents: CART_TOTAL };
    case 'enregistrer_vente':
      return { commande_id: id, client_id: 1, magasin_id: 1, lignes, total_cents: CART_TOTAL };
    case 'vider_panier':
      return { commande_id: id, lignes };
    case 'liberer_stock':
    case 'rembourser':
      return { commande_id: id };
    default:
      // A call of the record the peers' checkout (checkout-flow.ts) does not make yet.
      throw new Error(`No expected body for ${route}: add it to the peers' checkout first`);
  }
}

function statusClass(status: number): Scenario['status'] | number {
  return status >= 200 && status < 300 ? 'ok' : status;
}

async function checkout(sys: RunningSystem): Promise<number> {
  const res = await fetch(`${sys.url}${sys.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: 1, magasin_id: 1 }),
  });
  await res.arrayBuffer();
  return res.status;
}

/**
 * The calls as route:key-suffix, after checking that every key names the same commande
 * and every body is the one the orchestrator sends.
 */
function described(fake: FakeParticipants): string[] {
  const ids = new Set(fake.calls.filter((c) => c.key).map((c) => c.key?.split(':')[0]));
  if (ids.size > 1) throw new Error(`keys name ${ids.size} commandes: ${[...ids].join(', ')}`);
  const id = [...ids][0] ?? '';
  for (const c of fake.calls) {
    const expected = expectedBody(c.route, id);
    const body = c.route === 'lire_panier' ? undefined : c.body; // a GET has no body to compare
    if (!isDeepStrictEqual(body, expected)) {
      throw new Error(`${c.route} got ${JSON.stringify(c.body)}, not ${JSON.stringify(expected)}`);
    }
  }
  return fake.calls.map((c) => `${c.route}:${c.key?.split(':')[1] ?? ''}`);
}

export async function checkConformance(sys: RunningSystem, fake: FakeParticipants): Promise<void> {
  fake.recordCalls = true;
  try {
    for (const s of SCENARIOS) {
      fake.forgetCommandes();
      for (const [route, status] of s.faults) fake.inject(route, { kind: 'status', status });
      const status = await checkout(sys);
      await new Promise((r) => setTimeout(r, 300)); // a compensation may still be on its way
      let calls: string[];
      try {
        calls = described(fake);
      } catch (err) {
        throw new Error(`${sys.name} does not send the same bodies (${s.name}): ${String(err)}`);
      }
      if (statusClass(status) !== s.status || calls.join(' ') !== s.calls.join(' ')) {
        throw new Error(
          `${sys.name} does not run the same saga (${s.name}):\n` +
            `  expected ${s.status}: ${s.calls.join(' ')}\n  got      ${status}: ${calls.join(' ')}`,
        );
      }
    }
  } finally {
    fake.recordCalls = false;
    fake.forgetCommandes();
  }
}
