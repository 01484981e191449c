import type { Db } from '../../lib/db.js';

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

export async function findClient(db: Db, id: number): Promise<ClientRow | undefined> {
  const { rows } = await db.raw<{ rows: ClientRow[] }>(
    `SELECT ${COLUMNS} FROM clients WHERE id = :id`,
    { id },
  );
  return rows[0];
}

export async function listClients(
  db: Db,
  page: { limit: number; offset: number },
): Promise<ClientRow[]> {
  const { rows } = await db.raw<{ rows: ClientRow[] }>(
    `SELECT ${COLUMNS} FROM clients ORDER BY id LIMIT :limit OFFSET :offset`,
    page,
  );
  return rows;
}

/** Undefined when the email is already taken (case-insensitive). */
export async function insertClient(db: Db, c: NewClient): Promise<ClientRow | undefined> {
  const { rows } = await db.raw<{ rows: ClientRow[] }>(
    `INSERT INTO clients (nom, email, solde_cents) VALUES (:nom, :email, :solde)
     ON CONFLICT (lower(email)) DO NOTHING
     RETURNING ${COLUMNS}`,
    { nom: c.nom, email: c.email, solde: c.solde_cents },
  );
  return rows[0];
}

export async function creditClient(
  db: Db,
  id: number,
  montant: number,
): Promise<ClientRow | undefined> {
  const { rows } = await db.raw<{ rows: ClientRow[] }>(
    `UPDATE clients SET solde_cents = solde_cents + :montant, updated_at = now()
      WHERE id = :id RETURNING ${COLUMNS}`,
    { id, montant },
  );
  return rows[0];
}

/** Guarded debit: false when the balance is lower than montant (or the client is missing). */
export async function debitClient(db: Db, id: number, montant: number): Promise<boolean> {
  const result = await db.raw<{ rowCount: number }>(
    `UPDATE clients SET solde_cents = solde_cents - :montant, updated_at = now()
      WHERE id = :id AND solde_cents >= :montant`,
    { id, montant },
  );
  return result.rowCount === 1;
}
