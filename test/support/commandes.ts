import type { Knex } from 'knex';
import { createDb, migrate } from '../../src/lib/db.js';
import { MIGRATIONS_DIR } from '../../src/orchestrateur/app.js';
import { freshDatabaseUrl } from './postgres.js';
import { checkoutSaga } from '../../src/orchestrateur/checkout/checkout-saga.js';

const current = checkoutSaga({} as never);
/** The definition new commandes start under in this build. */
export const TODAY = { nom: current.name, version: current.version };

/** A commande as a saga leaves it right after its creation: INITIEE, leased by `owner`. */
export async function insertCommande(
  db: Knex,
  c: {
    id: string;
    client_id: number;
    magasin_id: number;
    idempotencyKey: string | null;
    requestHash: string;
    owner: string;
    /** Negative: a lease that ran out that long ago. */
    leaseMs: number;
    /** The definition it started under: today's checkout unless said. */
    definition?: { nom: string; version: string };
  },
): Promise<{ version: number; at: Date }> {
  const { rows } = await db.raw<{ rows: { version: number; at: Date }[] }>(
    `WITH created AS (
       INSERT INTO commandes (id, client_id, magasin_id, etat_actuel, idempotency_key,
                              request_hash, lease_owner, lease_until, definition_nom,
                              definition_version)
       VALUES (:id, :clientId, :magasinId, 'INITIEE', :key, :hash, :owner,
               now() + CAST(:leaseMs AS integer) * interval '1 millisecond', :nom, :version)
       RETURNING id, version, created_at)
     INSERT INTO etat_saga (commande_id, etat, version, at, detail)
     SELECT id, 'INITIEE', version, created_at, '{}' FROM created
     RETURNING version, at`,
    {
      id: c.id,
      clientId: c.client_id,
      magasinId: c.magasin_id,
      key: c.idempotencyKey,
      hash: c.requestHash,
      owner: c.owner,
      leaseMs: c.leaseMs,
      ...(c.definition ?? TODAY),
    },
  );
  const written = rows[0];
  if (!written) throw new Error(`commande ${c.id} not inserted`);
  return written;
}

/**
 * A commande as an instance that died left it: at `etat` with its cart snapshot, its lease
 * run out, written by `dead-instance`; recovery takes it over.
 */
export async function abandonedAt(
  db: Knex,
  c: { id: string; clientId: number; etat: string; lignes: unknown[]; totalCents: number },
): Promise<void> {
  await insertCommande(db, {
    id: c.id,
    client_id: c.clientId,
    magasin_id: 1,
    idempotencyKey: null,
    requestHash: 'x',
    owner: 'dead-instance',
    leaseMs: -1000,
  });
  await db.raw(
    `UPDATE commandes SET etat_actuel = ?, lignes = CAST(? AS jsonb), total_cents = ?
      WHERE id = ?`,
    [c.etat, JSON.stringify(c.lignes), c.totalCents, c.id],
  );
}

/** A fresh database of its own with the orchestrator's schema, for tests of its statements. */
export async function orchestrateurDb(prefix: string, poolMax: number): Promise<Knex> {
  const db = createDb({ url: await freshDatabaseUrl(prefix), poolMax, applicationName: 'test' });
  await migrate(db, MIGRATIONS_DIR);
  return db;
}
