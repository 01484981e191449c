import type { Db } from '../../lib/db.js';
import { claimCommande, findClaimed, markCompensated } from '../../lib/idempotency.js';
import type { Page } from '../../lib/schemas.js';
import { selectRows } from '../../lib/sql.js';

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

/** Claims the commande id in the ledger (see claimCommande); a tombstone is REMBOURSE at once. */
export function claimPaiement(
  db: Db,
  p: { commandeId: string; clientId: number; montant: number | null; etat: EtatPaiement },
): Promise<boolean> {
  return claimCommande(db, 'paiements', {
    commande_id: p.commandeId,
    client_id: p.clientId,
    montant_cents: p.montant,
    etat: p.etat,
    rembourse_at: p.etat === 'REMBOURSE' ? db.fn.now() : null,
  });
}

export const findPaiement = (db: Db, commandeId: string, opts = { forUpdate: false }) =>
  findClaimed<PaiementRow>(db, 'paiements', COLUMNS, commandeId, opts);

export const markRembourse = (db: Db, commandeId: string): Promise<void> =>
  markCompensated(db, 'paiements', commandeId, {
    from: 'EFFECTUE',
    to: 'REMBOURSE',
    stamp: 'rembourse_at',
  });

/** A client's ledger, newest first. */
export function listPaiements(db: Db, clientId: number, page: Page): Promise<PaiementRow[]> {
  return selectRows(
    db,
    `SELECT ${COLUMNS} FROM paiements WHERE client_id = :clientId
      ORDER BY created_at DESC, commande_id LIMIT :limit OFFSET :offset`,
    { clientId, ...page },
  );
}
