import type { Db } from '../../lib/db.js';
import type { Page } from '../../lib/schemas.js';
import { execute, selectFirst, selectRows } from '../../lib/sql.js';

export interface ClientRow {
  id: number;
  nom: string;
  email: string;
  solde_cents: number;
  created_at: Date;
  updated_at: Date;
}

export interface NewClient {
  nom: string;
  email: string;
  solde_cents: number;
}

const COLUMNS = 'id, nom, email, solde_cents, created_at, updated_at';

export function findClient(db: Db, id: number): Promise<ClientRow | undefined> {
  return selectFirst(db, `SELECT ${COLUMNS} FROM clients WHERE id = :id`, { id });
}

export function listClients(db: Db, page: Page): Promise<ClientRow[]> {
  return selectRows(db, `SELECT ${COLUMNS} FROM clients ORDER BY id LIMIT :limit OFFSET :offset`, {
    ...page,
  });
}

/** Undefined when the email is already taken (case-insensitive). */
export function insertClient(db: Db, c: NewClient): Promise<ClientRow | undefined> {
  return selectFirst(
    db,
    `INSERT INTO clients (nom, email, solde_cents) VALUES (:nom, :email, :solde)
     ON CONFLICT (lower(email)) DO NOTHING
     RETURNING ${COLUMNS}`,
    { nom: c.nom, email: c.email, solde: c.solde_cents },
  );
}

/** The largest balance a credit may reach: every balance stays exact as a JavaScript number. */
export const MAX_SOLDE_CENTS = Number.MAX_SAFE_INTEGER;

/** Adds montant unless the balance would pass MAX_SOLDE_CENTS; undefined then, or no client. */
export function creditClient(db: Db, id: number, montant: number): Promise<ClientRow | undefined> {
  return selectFirst(
    db,
    `UPDATE clients SET solde_cents = solde_cents + :montant, updated_at = now()
      WHERE id = :id AND solde_cents + :montant <= :max RETURNING ${COLUMNS}`,
    { id, montant, max: MAX_SOLDE_CENTS },
  );
}

/** Gives back a payment: no bound of its own (the balance had held that money before). */
export async function refundClient(db: Db, id: number, montant: number): Promise<void> {
  await execute(
    db,
    'UPDATE clients SET solde_cents = solde_cents + :montant, updated_at = now() WHERE id = :id',
    { id, montant },
  );
}

/** Guarded debit: false when the balance is lower than montant (or the client is missing). */
export async function debitClient(db: Db, id: number, montant: number): Promise<boolean> {
  const debited = await execute(
    db,
    `UPDATE clients SET solde_cents = solde_cents - :montant, updated_at = now()
      WHERE id = :id AND solde_cents >= :montant`,
    { id, montant },
  );
  return debited === 1;
}
