/**
 * The chaos run's invariants (chaos/books.ts) read from the deployment's own databases, each
 * reached on its container's address with the service's own role, against a baseline taken
 * from the same databases before the faults: stock and balances as they were before any sale.
 */
import knex, { type Knex } from 'knex';
import pg from 'pg';
import { type Baseline, type Check, checkBooks, type Dbs } from '../../chaos/books.js';

// As the services read them (src/lib/db.ts): BIGINT sums and balances as numbers, not strings.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

export type DbName = keyof Dbs;
export const BOOK_DBS: readonly DbName[] = ['orchestrateur', 'stock', 'client', 'ventes', 'panier'];

/** Where the host reaches a database: a container's address, or a forwarded loopback port. */
export type Reach = (db: string) => { host: string; port: number };

export function openDbs(reach: Reach, password: (db: DbName) => string): Dbs {
  const open = (db: DbName): Knex =>
    knex({
      client: 'pg',
      connection: { ...reach(db), user: db, password: password(db), database: db },
      pool: { min: 0, max: 2 },
    });
  return Object.fromEntries(BOOK_DBS.map((db) => [db, open(db)])) as Dbs;
}

export async function closeDbs(dbs: Dbs): Promise<void> {
  await Promise.all(Object.values(dbs).map((db) => db.destroy()));
}

const rows = async <T>(db: Knex, sql: string): Promise<T[]> =>
  (await db.raw<{ rows: T[] }>(sql)).rows;

export interface Start {
  baseline: Baseline;
  /** What the carts held (plus what was already sold from them) before the load. */
  added: Map<string, number>;
}

/** Before the load: what was there before any sale, read back from what is there now. */
export async function startingPoint(dbs: Dbs, magasinId: number): Promise<Start> {
  const sold = await rows<{ client_id: number; produit_id: number; quantite: number }>(
    dbs.ventes,
    `SELECT v.client_id, l.produit_id, sum(l.quantite)::int AS quantite
       FROM ventes v JOIN vente_lignes l ON l.vente_id = v.id GROUP BY 1, 2`,
  );
  const spent = await rows<{ client_id: number; total: number }>(
    dbs.ventes,
    'SELECT client_id, sum(total_cents)::bigint AS total FROM ventes GROUP BY 1',
  );
  const stock = await rows<{ produit_id: number; quantite: number }>(
    dbs.stock,
    `SELECT produit_id, quantite FROM stock WHERE magasin_id = ${Number(magasinId)}`,
  );
  const soldes = await rows<{ id: number; solde_cents: number }>(
    dbs.client,
    'SELECT id, solde_cents FROM clients',
  );
  const carts = await rows<{ client_id: number; produit_id: number; quantite: number }>(
    dbs.panier,
    'SELECT client_id, produit_id, quantite FROM panier_lignes',
  );
  const soldOf = (p: number): number =>
    sold.filter((s) => s.produit_id === p).reduce((n, s) => n + s.quantite, 0);
  const initial = new Map(stock.map((s) => [s.produit_id, s.quantite + soldOf(s.produit_id)]));
  const spentOf = new Map(spent.map((s) => [s.client_id, s.total]));
  const added = new Map<string, number>();
  const add = (k: string, n: number): void => void added.set(k, (added.get(k) ?? 0) + n);
  for (const l of carts) add(`${l.client_id}:${l.produit_id}`, l.quantite);
  for (const s of sold) add(`${s.client_id}:${s.produit_id}`, s.quantite);
  return {
    baseline: {
      magasinId,
      initialStock: (p) => initial.get(p) ?? 0,
      initialBalance: new Map(
        soldes.map((c) => [String(c.id), c.solde_cents + (spentOf.get(c.id) ?? 0)]),
      ),
    },
    added,
  };
}

/** checkBooks with the load's own cart additions on top of the starting point. */
export async function books(
  dbs: Dbs,
  start: Start,
  loadAdded: Map<string, number>,
): Promise<Check[]> {
  const added = new Map(start.added);
  for (const [k, n] of loadAdded) added.set(k, (added.get(k) ?? 0) + n);
  return checkBooks(dbs, added, start.baseline);
}

/** Commandes not final yet (or suspended), waited for until `ms`. */
export async function waitSettled(db: Knex, ms: number): Promise<number> {
  const deadline = Date.now() + ms;
  for (;;) {
    const [row] = await rows<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM commandes
        WHERE etat_actuel NOT IN ('CONFIRMEE', 'ANNULEE') OR suspendue_at IS NOT NULL`,
    );
    const n = row?.n ?? 0;
    if (n === 0 || Date.now() > deadline) return n;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/**
 * Of these containers, one whose orchestrator holds a saga in flight right now (its lease),
 * so that killing it kills work; the first one if none is caught within 10 s.
 */
export async function busyOrchestrator(
  db: Knex,
  containers: readonly { id: string; hostname: string }[],
): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const owners = await rows<{ lease_owner: string }>(
      db,
      `SELECT lease_owner FROM commandes
        WHERE etat_actuel NOT IN ('CONFIRMEE', 'ANNULEE') AND lease_owner IS NOT NULL`,
    );
    const busy = containers.find((c) =>
      owners.some((o) => o.lease_owner.startsWith(`${c.hostname}-`)),
    );
    if (busy) return busy.id;
    await new Promise((r) => setTimeout(r, 50));
  }
  return containers[0]?.id ?? '';
}
