import { randomUUID } from 'node:crypto';
import { DEMO_SEEDS } from '../../../seeds/demo-seed.js';
import type { Orchestrateur } from '../../../src/orchestrateur/app.js';
import type { RunningService } from '../../../src/lib/service.js';
import { call } from '../../contract/http.js';
import { startServicesWith } from '../../services/support/demo-services.js';
import { serviceForSuite, type TestServices } from '../../services/support/services.js';
import { startTestOrchestrateur } from '../../support/orchestrateur.js';
import {
  bearer,
  claimsFor,
  forgedTokens,
  identityEnv,
  login,
  SERVICE_TOKEN,
  startTestAuth,
  TEST_SEED_DEPS,
} from './identity.js';
import { participantsEnv } from '../../../src/lib/participant-calls.js';

/** Who calls: no token, three bad tokens, two clients, the operator, the saga. */
export const CALLERS = [
  'none',
  'expired',
  'wrong signature',
  'alg none',
  'other client',
  'own client',
  'operateur',
  'service',
] as const;
export type Caller = (typeof CALLERS)[number];

/** The client whose data the cases use (alice), and the other one (bruno). */
export const OWN_CLIENT = 1;
export const OTHER_CLIENT = 2;

/** Everything with identity on: auth, the six services with DEMO_FAULTS, the orchestrator. */
export interface SecuredSystem {
  auth: RunningService;
  services: TestServices;
  orch: Orchestrateur;
  /** The Authorization header each caller sends (none for 'none'). */
  headers: Record<Caller, Record<string, string>>;
  /** The base URL of a service by name (auth, orchestrateur, produits...). */
  urls: Record<string, string>;
  close(): Promise<void>;
}

async function callerHeaders(auth: RunningService): Promise<SecuredSystem['headers']> {
  const own = claimsFor({ sub: 'alice', roles: ['client'], client_id: OWN_CLIENT });
  const forged = await forgedTokens(auth, own);
  return {
    none: {},
    expired: bearer(forged.expired),
    'wrong signature': bearer(forged.wrongSignature),
    'alg none': bearer(forged.algNone),
    'other client': bearer(await login(auth.url, 'bruno')),
    'own client': bearer(await login(auth.url, 'alice')),
    operateur: bearer(await login(auth.url, 'operateur')),
    service: bearer(SERVICE_TOKEN),
  };
}

/**
 * Starts the system with identity on and the demo data loaded. The new key a rotation adds
 * would sign only after an hour: every token of the run stays verifiable.
 */
export async function startSecuredSystem(): Promise<SecuredSystem> {
  const auth = await startTestAuth({ AUTH_KEY_ACTIVATION_DELAY_S: '3600' });
  const services = await startServicesWith({ ...identityEnv(auth.url), DEMO_FAULTS: 'true' });
  for (const name of ['produits', 'magasin', 'stock', 'client', 'panier'] as const) {
    await DEMO_SEEDS[name](services[name].db, TEST_SEED_DEPS);
  }
  const orch = await startTestOrchestrateur({
    ...identityEnv(auth.url),
    ...participantsEnv((s) => services[s].url),
    AUTH_URL: auth.url,
  });
  const urls: Record<string, string> = { auth: auth.url, orchestrateur: orch.url };
  for (const name of ['produits', 'magasin', 'stock', 'client', 'panier', 'ventes'] as const) {
    urls[name] = services[name].url;
  }
  return {
    auth,
    services,
    orch,
    headers: await callerHeaders(auth),
    urls,
    close: async () => {
      await orch.stop();
      await services.close();
      await auth.close();
    },
  };
}

/** The system for one suite (started before its tests, stopped after): `sys()` inside them. */
export const useSecuredSystem = (): (() => SecuredSystem) => serviceForSuite(startSecuredSystem);

export interface CheckoutAnswer {
  status: number;
  body: { id: string; client_id: number; etat: string; echec: { code: string } | null };
}

/** A checkout with a fresh Idempotency-Key. */
export const checkoutAs = (
  sys: SecuredSystem,
  headers: Record<string, string>,
  body: Record<string, unknown>,
): Promise<CheckoutAnswer> =>
  call('POST', `${sys.urls.orchestrateur}/api/commande/checkout`, {
    json: body,
    headers: { ...headers, 'idempotency-key': randomUUID() },
  });

/** Puts one unit of a produit in alice's cart, as alice. */
export async function addToOwnCart(sys: SecuredSystem, produitId: number): Promise<void> {
  const res = await call('POST', `${sys.urls.panier}/api/panier/${OWN_CLIENT}/lignes`, {
    json: { produit_id: produitId, quantite: 1 },
    headers: sys.headers['own client'],
  });
  if (res.status !== 200) throw new Error(`cannot fill the cart: ${res.status}`);
}
