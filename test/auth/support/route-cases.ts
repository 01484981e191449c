import { randomUUID } from 'node:crypto';
import type { Role } from '../../../src/lib/auth.js';
import { call } from '../../contract/http.js';
import { addToOwnCart, OWN_CLIENT, type SecuredSystem } from './secured-system.js';

/** Ids the cases read: alice's confirmed commande and its sale. */
export interface Fixtures {
  commandeId: string;
  venteId: number;
}

/**
 * How one route is called and who may call it. `scoped`: the data is alice's (client 1, in
 * the path or the body), so bruno's token is refused even though he is a client.
 */
export interface RouteCase {
  who: 'anyone' | readonly Role[];
  scoped?: boolean;
  path(f: Fixtures): string;
  body?(f: Fixtures): unknown;
  /** Statuses of an allowed call (default 200/201): the guard let it through. */
  ok?: readonly number[];
  /** Run before each allowed call, e.g. a cart line for it to change. */
  prepare?(sys: SecuredSystem): Promise<void>;
  /** Run after each allowed call, e.g. a fault switch turned back off. */
  cleanup?(sys: SecuredSystem): Promise<void>;
  /** Answers with an account it just made (a sign-up): its client id is nobody else's data. */
  createsAccount?: boolean;
}

/** `service METHOD /path/{}`: the key of a case, placeholders unnamed. */
export const caseKey = (service: string, method: string, pattern: string): string =>
  `${service} ${method.toUpperCase()} ${pattern.replace(/\{[^}]*\}/g, '{}')}`;

const C = OWN_CLIENT;
const ANYONE = 'anyone';
const OPERATEUR = ['operateur'] as const;
const SERVICE = ['service'] as const;
const SHOP = ['client', 'operateur'] as const;
const ligne = { produit_id: 1, quantite: 1 };
/** The sign-up saga's id on the routes that name one inscription in their path. */
const INSCRIPTION = randomUUID();
const UNKNOWN_INSCRIPTION = randomUUID();
/** A fresh commande id for each call of a saga route (each is a first call). */
const commande =
  (more: Record<string, unknown> = {}) =>
  () => ({
    commande_id: randomUUID(),
    ...more,
  });

/** A route at a fixed path, with a body made for each call. */
const at = (
  who: RouteCase['who'],
  path: string,
  body?: () => unknown,
  more: Partial<RouteCase> = {},
): RouteCase => ({ who, path: () => path, ...(body ? { body } : {}), ...more });

/** A route of alice's own data (client 1). */
const own = (
  who: readonly Role[],
  path: string,
  body?: () => unknown,
  more: Partial<RouteCase> = {},
): RouteCase => at(who, path, body, { scoped: true, ...more });

const orchestrateur: Record<string, RouteCase> = {
  'POST /api/commande/checkout': own(
    ['client'],
    '/api/commande/checkout',
    () => ({ client_id: C, magasin_id: 1 }),
    { ok: [201], prepare: (sys) => addToOwnCart(sys, 1) },
  ),
  'GET /api/commande/{}': {
    who: SHOP,
    scoped: true,
    path: (f) => `/api/commande/${f.commandeId}`,
  },
  'GET /api/commande/{}/historique': {
    who: SHOP,
    scoped: true,
    path: (f) => `/api/commande/${f.commandeId}/historique`,
  },
  'GET /api/commandes': at(SHOP, '/api/commandes'),
  // A CONFIRMEE commande is not waiting for an operator: 409 once the guard let the call in.
  'POST /api/commande/{}/reprendre': {
    who: OPERATEUR,
    path: (f) => `/api/commande/${f.commandeId}/reprendre`,
    ok: [409],
  },
  'POST /api/commande/{}/annuler': {
    who: OPERATEUR,
    path: (f) => `/api/commande/${f.commandeId}/annuler`,
    body: () => ({ motif: 'Contrôle des droits' }),
    ok: [409],
  },
  // Open to anyone: a new person signs up with no token (each call a new person).
  'POST /api/inscriptions': at(
    ANYONE,
    '/api/inscriptions',
    () => {
      const tag = randomUUID().slice(0, 8);
      return {
        nom: `Droits ${tag}`,
        email: `droits-${tag}@example.test`,
        username: `droits-${tag}`,
        password: `Contrôle des droits ${tag}`,
      };
    },
    { ok: [201], createsAccount: true },
  ),
  'GET /api/inscriptions': at(OPERATEUR, '/api/inscriptions'),
  // An inscription never made: 404 once the guard let the call in.
  'GET /api/inscriptions/{}': at(OPERATEUR, `/api/inscriptions/${UNKNOWN_INSCRIPTION}`, undefined, {
    ok: [404],
  }),
  'POST /api/inscriptions/{}/reprendre': at(
    OPERATEUR,
    `/api/inscriptions/${UNKNOWN_INSCRIPTION}/reprendre`,
    () => ({}),
    { ok: [404] },
  ),
  'POST /api/inscriptions/{}/annuler': at(
    OPERATEUR,
    `/api/inscriptions/${UNKNOWN_INSCRIPTION}/annuler`,
    () => ({ motif: 'Contrôle des droits' }),
    { ok: [404] },
  ),
};

const prixInchange = () => ({ prix_cents: 299 });
const catalogue: Record<string, RouteCase> = {
  'GET /api/produits': at(ANYONE, '/api/produits'),
  'GET /api/produits/{}': at(ANYONE, '/api/produits/6'),
  'POST /api/produits': at(OPERATEUR, '/api/produits', () => ({
    nom: 'Tisane',
    categorie: 'epicerie',
    prix_cents: 450,
  })),
  'PUT /api/produits/{}': at(OPERATEUR, '/api/produits/6', prixInchange),
  'PATCH /api/produits/{}': at(OPERATEUR, '/api/produits/6', prixInchange),
  'GET /api/produits/{}/historique': at(OPERATEUR, '/api/produits/6/historique'),
};

const magasin: Record<string, RouteCase> = {
  'GET /api/magasins': at(ANYONE, '/api/magasins'),
  'GET /api/magasins/{}': at(ANYONE, '/api/magasins/1'),
  'POST /api/magasins': at(OPERATEUR, '/api/magasins', () => ({
    nom: 'Gare',
    ville: 'Lille',
    adresse: '1 place de la Gare',
  })),
  'PUT /api/magasins/{}': at(OPERATEUR, '/api/magasins/3', () => ({ ville: 'Marseille' })),
  'PATCH /api/magasins/{}': at(OPERATEUR, '/api/magasins/3', () => ({ ville: 'Marseille' })),
  'GET /api/magasins/{}/historique': at(OPERATEUR, '/api/magasins/3/historique'),
};

const stock: Record<string, RouteCase> = {
  'GET /api/stock/magasins/{}': at(SHOP, '/api/stock/magasins/1'),
  'GET /api/stock/magasins/{}/produits/{}': at(SHOP, '/api/stock/magasins/1/produits/1'),
  'GET /api/stock/magasins/{}/ruptures': at(OPERATEUR, '/api/stock/magasins/1/ruptures'),
  'GET /api/stock/magasins/{}/surstock': at(OPERATEUR, '/api/stock/magasins/1/surstock'),
  'PUT /api/stock/magasins/{}/produits/{}': at(
    OPERATEUR,
    '/api/stock/magasins/3/produits/6',
    () => ({
      quantite: 150,
    }),
  ),
  'POST /api/stock/magasins/{}/produits/{}/ajuster': at(
    OPERATEUR,
    '/api/stock/magasins/3/produits/6/ajuster',
    () => ({ delta: 1, motif: 'Contrôle des droits' }),
  ),
  'GET /api/stock/magasins/{}/historique': at(OPERATEUR, '/api/stock/magasins/3/historique'),
  'GET /api/stock/magasins/{}/produits/{}/historique': at(
    OPERATEUR,
    '/api/stock/magasins/3/produits/6/historique',
  ),
  'GET /api/stock/reservations/{}': {
    who: OPERATEUR,
    path: (f) => `/api/stock/reservations/${f.commandeId}`,
  },
  'POST /api/stock/reserver': at(
    SERVICE,
    '/api/stock/reserver',
    commande({ magasin_id: 1, lignes: [ligne] }),
  ),
  'POST /api/stock/liberer': at(SERVICE, '/api/stock/liberer', commande()),
};

const client: Record<string, RouteCase> = {
  'GET /api/clients': at(OPERATEUR, '/api/clients'),
  'POST /api/clients': at(OPERATEUR, '/api/clients', () => ({
    nom: 'Emma Roux',
    email: `emma-${randomUUID()}@example.com`,
  })),
  'GET /api/clients/{}': own(['client', 'operateur', 'service'], `/api/clients/${C}`),
  'GET /api/clients/{}/paiements': own(['client', 'operateur'], `/api/clients/${C}/paiements`),
  'POST /api/clients/{}/crediter': at(OPERATEUR, `/api/clients/${C}/crediter`, () => ({
    montant_cents: 1,
  })),
  'POST /api/clients/{}/payer': at(
    SERVICE,
    `/api/clients/${C}/payer`,
    commande({ montant_cents: 1 }),
  ),
  'POST /api/clients/{}/rembourser': at(SERVICE, `/api/clients/${C}/rembourser`, commande()),
  'POST /api/clients/inscriptions': at(SERVICE, '/api/clients/inscriptions', () => ({
    inscription_id: randomUUID(),
    nom: 'Matrice',
    email: `matrice-${randomUUID()}@example.com`,
  })),
  // A compensation of an inscription never seen: 200 (a tombstone), every time.
  'POST /api/clients/inscriptions/{}/annuler': at(
    SERVICE,
    `/api/clients/inscriptions/${INSCRIPTION}/annuler`,
    () => ({ inscription_id: INSCRIPTION }),
  ),
};

const addLigne2 = { prepare: (sys: SecuredSystem) => addToOwnCart(sys, 2) };
const panier: Record<string, RouteCase> = {
  'GET /api/panier/{}': own(['client', 'operateur', 'service'], `/api/panier/${C}`),
  'POST /api/panier/{}/lignes': own(['client'], `/api/panier/${C}/lignes`, () => ({
    produit_id: 2,
    quantite: 1,
  })),
  'PUT /api/panier/{}/lignes/{}': own(
    ['client'],
    `/api/panier/${C}/lignes/2`,
    () => ({ quantite: 1 }),
    addLigne2,
  ),
  'DELETE /api/panier/{}/lignes/{}': own(
    ['client'],
    `/api/panier/${C}/lignes/2`,
    undefined,
    addLigne2,
  ),
  'POST /api/panier/{}/vider': at(
    SERVICE,
    `/api/panier/${C}/vider`,
    commande({ lignes: [{ produit_id: 2, quantite: 1 }] }),
  ),
};

const ventes: Record<string, RouteCase> = {
  'GET /api/ventes': at(OPERATEUR, '/api/ventes'),
  'GET /api/ventes/rapport': at(OPERATEUR, '/api/ventes/rapport'),
  'GET /api/ventes/{}': { who: OPERATEUR, path: (f) => `/api/ventes/${f.venteId}` },
  'GET /api/ventes/commande/{}': {
    who: OPERATEUR,
    path: (f) => `/api/ventes/commande/${f.commandeId}`,
  },
  'POST /api/ventes': at(
    SERVICE,
    '/api/ventes',
    commande({
      client_id: C,
      magasin_id: 1,
      lignes: [{ ...ligne, prix_unitaire_cents: 499 }],
      total_cents: 499,
    }),
  ),
};

const auth: Record<string, RouteCase> = {
  'POST /api/auth/token': at(ANYONE, '/api/auth/token', () => ({
    username: 'david',
    password: 'david-demo',
  })),
  'GET /.well-known/jwks.json': at(ANYONE, '/.well-known/jwks.json'),
  'GET /api/auth/demo': at(ANYONE, '/api/auth/demo'),
  'POST /api/auth/keys/rotate': at(OPERATEUR, '/api/auth/keys/rotate'),
  'POST /api/auth/inscriptions': at(SERVICE, '/api/auth/inscriptions', () => ({
    inscription_id: randomUUID(),
    username: `matrice-${randomUUID().slice(0, 8)}`,
    password: 'Une longue phrase de contrôle',
    adresse: '192.0.2.1',
  })),
  'POST /api/auth/inscriptions/{}/annuler': at(
    SERVICE,
    `/api/auth/inscriptions/${INSCRIPTION}/annuler`,
    () => ({ inscription_id: INSCRIPTION }),
  ),
  // Nothing reserved under that id: 404 INSCRIPTION_INCONNUE once the guard let the call in.
  'POST /api/auth/inscriptions/{}/activer': at(
    SERVICE,
    `/api/auth/inscriptions/${UNKNOWN_INSCRIPTION}/activer`,
    () => ({ inscription_id: UNKNOWN_INSCRIPTION, client_id: C }),
    { ok: [404] },
  ),
};

/** One saga operation per participant: a switch armed then cleared by the cleanup. */
const PANNE_OPERATION = {
  panier: 'lire_panier',
  stock: 'reserver_stock',
  client: 'payer',
  ventes: 'enregistrer_vente',
};

function pannes(participant: keyof typeof PANNE_OPERATION): Record<string, RouteCase> {
  const base = `/api/pannes/${participant}`;
  const clear = async (sys: SecuredSystem): Promise<void> => {
    await call('DELETE', `${sys.urls[participant]}${base}`, { headers: sys.headers.operateur });
  };
  return {
    [`GET ${base}`]: at(OPERATEUR, base),
    [`DELETE ${base}`]: at(OPERATEUR, base),
    [`PUT ${base}/{}`]: at(
      OPERATEUR,
      `${base}/${PANNE_OPERATION[participant]}`,
      () => ({ mode: 'refus', nombre: 1 }),
      { cleanup: clear },
    ),
  };
}

const byService: Record<string, Record<string, RouteCase>> = {
  orchestrateur,
  produits: catalogue,
  magasin,
  stock: { ...stock, ...pannes('stock') },
  client: { ...client, ...pannes('client') },
  panier: { ...panier, ...pannes('panier') },
  ventes: { ...ventes, ...pannes('ventes') },
  auth,
};

/** Every route of every service, by `service METHOD /pattern`. */
export const ROUTE_CASES: ReadonlyMap<string, RouteCase> = new Map(
  Object.entries(byService).flatMap(([service, cases]) =>
    Object.entries(cases).map(([route, c]): [string, RouteCase] => {
      const [method = '', pattern = ''] = route.split(' ');
      return [caseKey(service, method, pattern), c];
    }),
  ),
);
