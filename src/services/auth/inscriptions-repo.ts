import type { Db } from '../../lib/db.js';
import { execute, selectFirst } from '../../lib/sql.js';

/** A sign-up's account: EN_ATTENTE until activation names its client, then ACTIVE. */
export type EtatCompte = 'EN_ATTENTE' | 'ACTIVE';

export interface InscriptionAccount {
  username: string;
  etat: EtatCompte;
  client_id: number | null;
}

/**
 * Serialises everything done for one inscription id (reservation, cancellation, activation)
 * until the transaction ends: each then reads what the others committed, so a cancellation
 * and a late reservation cannot both pass their checks. Ids of other inscriptions never
 * wait on each other (but for a hash collision, which only makes one wait briefly).
 */
export async function lockInscription(db: Db, inscriptionId: string): Promise<void> {
  await db.raw(`SELECT pg_advisory_xact_lock(hashtext('inscription'), hashtext(:id))`, {
    id: inscriptionId,
  });
}

export function findByInscription(
  db: Db,
  inscriptionId: string,
): Promise<InscriptionAccount | undefined> {
  return selectFirst(
    db,
    `SELECT username, etat, client_id FROM accounts WHERE inscription_id = :inscriptionId`,
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

/**
 * The pending client account of an inscription, unless the username (or the inscription)
 * already has an account: false then, nothing written.
 */
export async function insertPending(
  db: Db,
  p: { inscriptionId: string; username: string; passwordHash: string },
): Promise<boolean> {
  const inserted = await execute(
    db,
    `INSERT INTO accounts (username, password_hash, role, client_id, inscription_id, etat)
     VALUES (:username, :passwordHash, 'client', NULL, :inscriptionId, 'EN_ATTENTE')
     ON CONFLICT DO NOTHING`,
    { ...p },
  );
  return inserted === 1;
}

/** Activation: the pending account names its client and may sign in. */
export async function activate(db: Db, inscriptionId: string, clientId: number): Promise<void> {
  const moved = await execute(
    db,
    `UPDATE accounts SET etat = 'ACTIVE', client_id = :clientId
      WHERE inscription_id = :inscriptionId AND etat = 'EN_ATTENTE'`,
    { inscriptionId, clientId },
  );
  // Called under the inscription's lock after reading the pending row: nobody else moves it.
  if (moved !== 1) throw new Error(`Inscription ${inscriptionId} was not pending any more`);
}

/** Deletes the inscription's pending account (an active one is never touched). */
export function deletePending(db: Db, inscriptionId: string): Promise<number> {
  return execute(
    db,
    `DELETE FROM accounts WHERE inscription_id = :inscriptionId AND etat = 'EN_ATTENTE'`,
    { inscriptionId },
  );
}

/** The tombstone that refuses a reservation or activation arriving after the cancellation. */
export async function recordCancelled(db: Db, inscriptionId: string): Promise<void> {
  await execute(
    db,
    `INSERT INTO inscriptions_annulees (inscription_id) VALUES (:inscriptionId)
     ON CONFLICT (inscription_id) DO NOTHING`,
    { inscriptionId },
  );
}
