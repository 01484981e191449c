/**
 * The invariants a chaos run must end with, read from every service's own database:
 * nothing lost, nothing done twice, money and stock balanced.
 */
import type { Knex } from 'knex';
import { CLIENTS, INITIAL_STOCK, MAGASIN_ID, PRODUIT_EN_RUPTURE } from './seed.js';

export type Dbs = Record<'orchestrateur' | 'stock' | 'client' | 'ventes' | 'panier', Knex>;

export interface Check {
  name: string;
  pass: boolean;
  detail: string;
}

const rows = async <T>(db: Knex, sql: string): Promise<T[]> =>
  (await db.raw<{ rows: T[] }>(sql)).rows;

/** Pairs (key, expected, actual) that differ; shown as the detail of a failed check. */
function diff(expected: Map<string, number>, actual: Map<string, number>): string[] {
  const keys = new Set([...expected.keys(), ...actual.keys()]);
  return [...keys]
    .filter((k) => (expected.get(k) ?? 0) !== (actual.get(k) ?? 0))
    .map((k) => `${k}: expected ${expected.get(k) ?? 0}, found ${actual.get(k) ?? 0}`);
}

const check = (name: string, problems: string[], ok: string): Check => ({
  name,
  pass: problems.length === 0,
  detail: problems.length === 0 ? ok : problems.slice(0, 5).join('; '),
});

/** What the books started from: the chaos run's seed unless a run brings its own. */
export interface Baseline {
  magasinId: number;
  /** Units of a produit in the magasin before any sale. */
  initialStock: (produitId: number) => number;
  /** Balance of each client (by id) before any sale. */
  initialBalance: Map<string, number>;
}

const chaosBaseline = (): Baseline => ({
  magasinId: MAGASIN_ID,
  initialStock: (p) => (p === PRODUIT_EN_RUPTURE ? 0 : INITIAL_STOCK),
  initialBalance: new Map(CLIENTS.map((c) => [String(c.id), c.soldeCents])),
});

export async function checkBooks(
  dbs: Dbs,
  added: Map<string, number>,
  baseline: Baseline = chaosBaseline(),
): Promise<Check[]> {
  const commandes = await rows<{ id: string; etat_actuel: string; suspendue: boolean }>(
    dbs.orchestrateur,
    'SELECT id, etat_actuel, suspendue_at IS NOT NULL AS suspendue FROM commandes',
  );
  const confirmed = new Set(
    commandes.filter((c) => c.etat_actuel === 'CONFIRMEE').map((c) => c.id),
  );
  const ventes = await rows<{ commande_id: string; client_id: number; total_cents: number }>(
    dbs.ventes,
    'SELECT commande_id, client_id, total_cents FROM ventes',
  );
  const sold = await rows<{ client_id: number; produit_id: number; quantite: number }>(
    dbs.ventes,
    `SELECT v.client_id, l.produit_id, sum(l.quantite)::int AS quantite
       FROM ventes v JOIN vente_lignes l ON l.vente_id = v.id GROUP BY 1, 2`,
  );
  const unfinished = commandes.filter(
    (c) => !['CONFIRMEE', 'ANNULEE'].includes(c.etat_actuel) || c.suspendue,
  );
  const soldPerProduit = new Map<string, number>();
  for (const s of sold) {
    soldPerProduit.set(
      String(s.produit_id),
      (soldPerProduit.get(String(s.produit_id)) ?? 0) + s.quantite,
    );
  }
  const stock = await rows<{ produit_id: number; quantite: number }>(
    dbs.stock,
    `SELECT produit_id, quantite FROM stock WHERE magasin_id = ${baseline.magasinId}`,
  );
  const stockNow = new Map(stock.map((s) => [String(s.produit_id), s.quantite]));
  const stockInitial = new Map(
    stock.map((s) => [String(s.produit_id), baseline.initialStock(s.produit_id)]),
  );
  const stockPlusSold = new Map(
    [...stockNow].map(([p, q]) => [p, q + (soldPerProduit.get(p) ?? 0)]),
  );
  const soldes = await rows<{ id: number; solde_cents: number }>(
    dbs.client,
    'SELECT id, solde_cents FROM clients',
  );
  const spent = new Map<string, number>();
  for (const v of ventes)
    spent.set(String(v.client_id), (spent.get(String(v.client_id)) ?? 0) + v.total_cents);
  const balancePlusSales = new Map(
    soldes.map((c) => [String(c.id), c.solde_cents + (spent.get(String(c.id)) ?? 0)]),
  );
  const initialBalance = baseline.initialBalance;
  const sales = new Set(ventes.map((v) => v.commande_id));
  const carts = await rows<{ client_id: number; produit_id: number; quantite: number }>(
    dbs.panier,
    'SELECT client_id, produit_id, quantite FROM panier_lignes',
  );
  const cartNow = new Map(carts.map((l) => [`${l.client_id}:${l.produit_id}`, l.quantite]));
  const cartExpected = new Map(added);
  for (const s of sold) {
    const k = `${s.client_id}:${s.produit_id}`;
    cartExpected.set(k, (cartExpected.get(k) ?? 0) - s.quantite);
  }
  return [
    check(
      'every commande ended CONFIRMEE or ANNULEE',
      unfinished.map((c) => `${c.id} ${c.etat_actuel}${c.suspendue ? ' (suspended)' : ''}`),
      `${commandes.length} commandes`,
    ),
    check(
      'initial stock = stock now + units sold, for every produit',
      diff(stockInitial, stockPlusSold),
      `${stock.length} produits`,
    ),
    check(
      'initial balance = balance now + sales, for every client',
      diff(initialBalance, balancePlusSales),
      `${soldes.length} clients`,
    ),
    check(
      'one sale per CONFIRMEE commande, none for any other',
      [
        ...[...confirmed].filter((id) => !sales.has(id)).map((id) => `${id} confirmed, no sale`),
        ...[...sales].filter((id) => !confirmed.has(id)).map((id) => `${id} sold, not confirmed`),
      ],
      `${sales.size} sales`,
    ),
    check(
      'each checked-out cart line removed exactly once',
      diff(cartExpected, cartNow),
      `${added.size} client/produit pairs`,
    ),
  ];
}

/** Unfinished sagas whose lease is held by an instance that is gone. */
export async function leasesOfTheDead(db: Knex, alive: readonly string[]): Promise<string[]> {
  const found = await db.raw<{ rows: { id: string; lease_owner: string }[] }>(
    `SELECT id, lease_owner FROM commandes
      WHERE etat_actuel NOT IN ('CONFIRMEE', 'ANNULEE') AND lease_owner IS NOT NULL
        AND lease_owner <> ALL(CAST(:alive AS text[]))
     UNION ALL
     SELECT id, lease_owner FROM sagas
      WHERE NOT au_repos AND lease_owner IS NOT NULL
        AND lease_owner <> ALL(CAST(:alive AS text[]))`,
    { alive: [...alive] },
  );
  return found.rows.map((r) => `${r.id} held by ${r.lease_owner}`);
}
