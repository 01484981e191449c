import type { SystemConfig, SystemService } from './config.js';

const ROLES: Record<SystemService, string> = {
  orchestrateur: 'checkout saga (POST /api/commande/checkout)',
  produits: 'catalogue',
  magasin: 'stores',
  stock: 'stock levels, reservations',
  client: 'accounts, balances, payments',
  panier: 'carts',
  ventes: 'sales ledger',
};

/** What runs where, and commands to paste to try every outcome of the checkout. */
export function banner(
  config: SystemConfig,
  system: { urls: Partial<Record<SystemService, string>>; adminToken: string },
): string {
  const host = (s: SystemService): string => `localhost:${config.ports[s]}`;
  const lines = [
    '',
    'The system is up:',
    ...Object.keys(system.urls).map(
      (s) => `  ${s.padEnd(14)} http://${host(s as SystemService)}  ${ROLES[s as SystemService]}`,
    ),
    '',
    'Try it (demo data: see seeds/demo-data.ts):',
  ];
  const o = host('orchestrateur');
  const checkout = (key: string, client: number, what: string): string[] => [
    `  # ${what}`,
    `  curl -i -X POST ${o}/api/commande/checkout -H 'Content-Type: application/json' -H 'Idempotency-Key: ${key}' -d '{"client_id":${client},"magasin_id":1}'`,
  ];
  if (system.urls.orchestrateur !== undefined) {
    lines.push(
      ...checkout('demo-1', 1, 'client 1: CONFIRMEE (201 + Location); repeat it: same commande'),
      ...checkout('demo-2', 2, 'client 2: balance too low -> 409, ANNULEE, SOLDE_INSUFFISANT'),
      ...checkout('demo-3', 3, 'client 3: produit 5 out of stock -> 409, STOCK_INSUFFISANT'),
      ...checkout('demo-4', 4, 'client 4: empty cart -> 409, PANIER_VIDE'),
      ...checkout('demo-5', 999, 'client 999: unknown -> 409, CLIENT_INCONNU'),
      '  # follow a commande (id from the Location header)',
      `  curl -s ${o}/api/commande/<id> ; curl -s '${o}/api/commandes?limit=5'`,
      '  # resume a commande stuck in COMPENSATION_ECHOUEE',
      `  curl -i -X POST ${o}/api/commande/<id>/reprendre -H 'Authorization: Bearer ${system.adminToken}'`,
    );
  }
  lines.push(
    '  # look at the participants',
    `  curl -s ${host('panier')}/api/panier/1`,
    `  curl -s ${host('client')}/api/clients/1`,
    `  curl -s ${host('stock')}/api/stock/magasins/1 ; curl -s ${host('stock')}/api/stock/magasins/1/ruptures`,
    `  curl -s '${host('ventes')}/api/ventes?magasin_id=1'`,
    '',
    'Ctrl-C stops everything.',
    '',
  );
  return lines.join('\n');
}
