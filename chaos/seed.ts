/**
 * What the chaos run sells: a magasin, a catalogue, stock, and three kinds of clients so
 * the checkouts end every way (confirmed, stock refused, payment refused).
 */
import type { Knex } from 'knex';
import {
  CLIENT,
  insertMissing,
  insertWithIds,
  MAGASIN,
  PRODUIT,
  STOCK,
} from '../seeds/demo-seed.js';

export const MAGASIN_ID = 1;
/** Out of stock in the magasin: asking for it is refused with STOCK_INSUFFISANT. */
export const PRODUIT_EN_RUPTURE = 8;
const PRODUITS = Array.from({ length: 8 }, (_v, i) => ({
  id: i + 1,
  nom: `Produit ${i + 1}`,
  categorie: 'chaos',
  prix_cents: 100 * (i + 1),
}));
export const INITIAL_STOCK = 1_000_000;

export type Kind = 'achete' | 'sans-argent' | 'rupture';
export interface ChaosClient {
  id: number;
  kind: Kind;
  soldeCents: number;
}

/** Clients 1-40 can pay, 41-50 cannot (50 cents), 51-60 ask for the produit out of stock. */
export const CLIENTS: readonly ChaosClient[] = Array.from({ length: 60 }, (_v, i) => {
  const id = i + 1;
  if (id <= 40) return { id, kind: 'achete', soldeCents: 1_000_000_000 };
  if (id <= 50) return { id, kind: 'sans-argent', soldeCents: 50 };
  return { id, kind: 'rupture', soldeCents: 1_000_000_000 };
});

export async function seedChaos(
  dbs: Record<'produits' | 'magasin' | 'stock' | 'client', Knex>,
): Promise<void> {
  await insertWithIds(dbs.produits, 'produits', PRODUIT, PRODUITS);
  await insertWithIds(dbs.magasin, 'magasins', MAGASIN, [
    { id: MAGASIN_ID, nom: 'Magasin du chaos', ville: 'Nulle part' },
  ]);
  await insertMissing(
    dbs.stock,
    'stock',
    STOCK,
    PRODUITS.map((p) => ({
      magasin_id: MAGASIN_ID,
      produit_id: p.id,
      quantite: p.id === PRODUIT_EN_RUPTURE ? 0 : INITIAL_STOCK,
    })),
  );
  await insertWithIds(
    dbs.client,
    'clients',
    CLIENT,
    CLIENTS.map((c) => ({
      id: c.id,
      nom: `Client ${c.id}`,
      email: `chaos-${c.id}@example.com`,
      solde_cents: c.soldeCents,
    })),
  );
}
