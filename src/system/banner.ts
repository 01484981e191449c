import { DEMO_ACCOUNTS } from '../../seeds/demo-data.js';
import type { SystemConfig, SystemService } from './config.js';

const ROLES: Record<SystemService, string> = {
  orchestrateur: 'checkout saga (POST /api/commande/checkout)',
  produits: 'catalogue',
  magasin: 'stores',
  stock: 'stock levels, reservations',
  client: 'accounts, balances, payments',
  panier: 'carts',
  ventes: 'sales ledger',
  auth: 'sign-in (POST /api/auth/token), signing keys (/.well-known/jwks.json)',
};

/** What each demo account shows at checkout in magasin 1 (seeds/demo-data.ts). */
const OUTCOMES: Record<string, string> = {
  alice: 'client 1, filled cart and money -> CONFIRMEE',
  bruno: 'client 2, balance too low -> SOLDE_INSUFFISANT',
  chloe: 'client 3, wants a produit out of stock -> STOCK_INSUFFISANT',
  david: 'client 4, empty cart -> PANIER_VIDE',
  operateur: 'operator: every commande, reprendre, stock and sales reports',
};

type Host = (s: SystemService) => string;

const signIn = (host: Host, variable: string, username: string): string =>
  `  ${variable}=$(curl -s -X POST ${host('auth')}/api/auth/token -H 'Content-Type: application/json' ` +
  `-d '{"username":"${username}","password":"${username}-demo"}' ` +
  `| node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')`;

/** Sign in, order, follow, resume, look around: each command with its token. */
function withIdentity(host: Host): string[] {
  const o = host('orchestrateur');
  const bearer = (v: string): string => `-H "Authorization: Bearer $${v}"`;
  return [
    'Demo accounts (user / password):',
    ...DEMO_ACCOUNTS.map(
      (a) => `  ${`${a.username} / ${a.password}`.padEnd(28)} ${OUTCOMES[a.username] ?? ''}`,
    ),
    '',
    'Try it (tokens last AUTH_TOKEN_TTL_S, 15 min by default; demo data: seeds/demo-data.ts):',
    '  # sign in as alice (client 1), then order her cart: 201 CONFIRMEE; repeat it: same commande',
    signIn(host, 'TOKEN', 'alice'),
    `  curl -i -X POST ${o}/api/commande/checkout ${bearer('TOKEN')} -H 'Content-Type: application/json' -H 'Idempotency-Key: demo-1' -d '{"magasin_id":1}'`,
    '  # sign in as bruno, chloe or david instead (and another key) for the refusals above',
    '  # her commandes, and one with its history (id from the Location header)',
    `  curl -s ${o}/api/commandes ${bearer('TOKEN')} ; curl -s ${o}/api/commande/<id> ${bearer('TOKEN')}`,
    `  curl -s ${host('panier')}/api/panier/1 ${bearer('TOKEN')} ; curl -s ${host('client')}/api/clients/1 ${bearer('TOKEN')}`,
    '  # as the operator: every commande, resume a parked one, stock and sales',
    signIn(host, 'OP', 'operateur'),
    `  curl -s '${o}/api/commandes?limit=5' ${bearer('OP')}`,
    `  curl -i -X POST ${o}/api/commande/<id>/reprendre ${bearer('OP')}`,
    `  curl -s ${host('stock')}/api/stock/magasins/1/ruptures ${bearer('OP')} ; curl -s '${host('ventes')}/api/ventes?magasin_id=1' ${bearer('OP')}`,
  ];
}

/** AUTH_REQUIRED=false: the same tour, with the client in the body and no token. */
function withoutIdentity(host: Host): string[] {
  const o = host('orchestrateur');
  const checkout = (key: string, client: number, what: string): string[] => [
    `  # ${what}`,
    `  curl -i -X POST ${o}/api/commande/checkout -H 'Content-Type: application/json' -H 'Idempotency-Key: ${key}' -d '{"client_id":${client},"magasin_id":1}'`,
  ];
  return [
    'AUTH_REQUIRED=false: no identity is checked. Try it (demo data: see seeds/demo-data.ts):',
    ...checkout('demo-1', 1, 'client 1: CONFIRMEE (201 + Location); repeat it: same commande'),
    ...checkout('demo-2', 2, 'client 2: balance too low -> 409, ANNULEE, SOLDE_INSUFFISANT'),
    ...checkout('demo-5', 999, 'client 999: unknown -> 409, ANNULEE, CLIENT_INCONNU'),
    `  curl -s '${o}/api/commandes?limit=5' ; curl -i -X POST ${o}/api/commande/<id>/reprendre`,
    `  curl -s ${host('panier')}/api/panier/1 ; curl -s ${host('stock')}/api/stock/magasins/1/ruptures`,
  ];
}

/** What runs where, the demo accounts, and commands to paste to try the checkout. */
export function banner(
  config: SystemConfig,
  system: { urls: Partial<Record<SystemService, string>>; frontUrl?: string | undefined },
): string {
  const host: Host = (s) => `localhost:${config.ports[s]}`;
  const web =
    system.frontUrl === undefined ? undefined : `localhost:${new URL(system.frontUrl).port}`;
  const front = web
    ? [
        `The web front: http://${web}  (open it in a browser, sign in with a demo account)`,
        `  the shop, each commande's saga live, the console, the dashboard, the fault switches;`,
        `  the API under the gateway's paths too (e.g. http://${web}/api/produits)`,
        '',
      ]
    : [];
  const lines = [
    '',
    'The system is up:',
    ...Object.keys(system.urls).map(
      (s) => `  ${s.padEnd(14)} http://${host(s as SystemService)}  ${ROLES[s as SystemService]}`,
    ),
    config.serviceProcesses === 'shared'
      ? '  (the orchestrator in a process of its own, the others sharing one; SERVICE_PROCESSES=separate: one each)'
      : '  (one process per service)',
    '',
    ...(config.authRequired ? withIdentity(host) : withoutIdentity(host)),
    '',
    ...front,
    'Ctrl-C stops everything.',
    '',
  ];
  return lines.join('\n');
}
