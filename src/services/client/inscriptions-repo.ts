import type { Db } from '../../lib/db.js';
import { execute, lockClause, selectFirst } from '../../lib/sql.js';

/** What the sign-up saga reads of the client record it made. */
export interface InscriptionClient {
  id: number;
  nom: string;
  email: string;
  solde_cents: number;
}

/**
 * Serialises everything done for one inscription id (creation, cancellation) until the
 * transaction ends: each then reads what the other committed, so a cancellation and a late
 * creation cannot both pass their checks.
 */
export async function lockInscription(db: Db, inscriptionId: string): Promise<void> {
  await db.raw(`SELECT pg_advisory_xact_lock(hashtext('inscription'), hashtext(:id))`, {
    id: inscriptionId,
  });
}

/** The record an inscription made, locked when the caller will delete it. */
export function findByInscription(
  db: Db,
  inscriptionId: string,
  opts = { forUpdate: false },
): Promise<InscriptionClient | undefined> {
  return selectFirst(
    db,
    `SELECT id, nom, email, solde_cents FROM clients WHERE inscription_id = :inscriptionId
     ${lockClause(opts.forUpdate)}`,
    { inscriptionId },
  );
}

export async function isCancelled(db: Db, inscriptionId: string): Promise<boolean> {
  const row = await selectFirst<{ inscription_id: string }>(
    db,
    'SELECT inscription_id FROM inscriptions_annulees WHERE inscription_id = :inscriptionId',
    { inscriptionId },
  );
  return row !== undefined;
}

/** A client of the inscription with balance 0; undefined when its e-mail is taken. */
export async function insertInscriptionClient(
  db: Db,
  c: { inscriptionId: string; nom: string; email: string },
): Promise<number | undefined> {
  const row = await selectFirst<{ id: number }>(
    db,
    `INSERT INTO clients (nom, email, solde_cents, inscription_id)
     VALUES (:nom, :email, 0, :inscriptionId)
     ON CONFLICT DO NOTHING
     RETURNING id`,
    { ...c },
  );
  return row?.id;
}

/**
 * Whether the client ever paid: a payment refunded since counts (the ledger keeps it); a
 * tombstone (a refund of a payment never made, no amount) does not.
 */
export async function hasPaiement(db: Db, clientId: number): Promise<boolean> {
  const row = await selectFirst<{ commande_id: string }>(
    db,
    `SELECT commande_id FROM paiements
      WHERE client_id = :clientId AND montant_cents IS NOT NULL LIMIT 1`,
    { clientId },
  );
  return row !== undefined;
}

export async function deleteClient(db: Db, clientId: number): Promise<void> {
  await execute(db, 'DELETE FROM clients WHERE id = :clientId', { clientId });
}

/** The tombstone that refuses a creation arriving after the cancellation. */
export async function recordCancelled(db: Db, inscriptionId: string): Promise<void> {
  await execute(
    db,
    `INSERT INTO inscriptions_annulees (inscription_id) VALUES (:inscriptionId)
     ON CONFLICT (inscription_id) DO NOTHING`,
    { inscriptionId },
  );
}
