import type { Db } from '../../lib/db.js';

export type EtatPaiement = 'EFFECTUE' | 'REMBOURSE';

export interface PaiementRow {
  commande_id: string;
  client_id: number;
  /** null for a tombstone: refunded before (or instead of) being paid. */
  montant_cents: number | null;
  etat: EtatPaiement;
  created_at: Date;
  rembourse_at: Date | null;
}

const COLUMNS = 'commande_id, client_id, montant_cents, etat, created_at, rembourse_at';

/**
 * Claims the commande id in the ledger. False when a row already holds it; a concurrent
 * claim of the same id waits here until the first transaction ends.
 */
export async function claimPaiement(
  db: Db,
  p: { commandeId: string; clientId: number; montant: number | null; etat: EtatPaiement },
): Promise<boolean> {
  const result = await db.raw<{ rowCount: number }>(
    `INSERT INTO paiements (commande_id, client_id, montant_cents, etat, rembourse_at)
     VALUES (:commandeId, :clientId, :montant, :etat,
             CASE WHEN :etat = 'REMBOURSE' THEN now() END)
     ON CONFLICT (commande_id) DO NOTHING`,
    p,
  );
  return result.rowCount === 1;
}

export async function findPaiement(
  db: Db,
  commandeId: string,
  opts: { forUpdate: boolean } = { forUpdate: false },
): Promise<PaiementRow | undefined> {
  const { rows } = await db.raw<{ rows: PaiementRow[] }>(
    `SELECT ${COLUMNS} FROM paiements WHERE commande_id = :commandeId
     ${opts.forUpdate ? 'FOR UPDATE' : ''}`,
    { commandeId },
  );
  return rows[0];
}

export async function markRembourse(db: Db, commandeId: string): Promise<void> {
  await db.raw(
    `UPDATE paiements SET etat = 'REMBOURSE', rembourse_at = now()
      WHERE commande_id = :commandeId AND etat = 'EFFECTUE'`,
    { commandeId },
  );
}

export async function listPaiements(
  db: Db,
  clientId: number,
  limit: number,
): Promise<PaiementRow[]> {
  const { rows } = await db.raw<{ rows: PaiementRow[] }>(
    `SELECT ${COLUMNS} FROM paiements WHERE client_id = :clientId
      ORDER BY created_at DESC, commande_id LIMIT :limit`,
    { clientId, limit },
  );
  return rows;
}
