import type { Db } from '../../lib/db.js';
import { claimCommande, findClaimed, markCompensated } from '../../lib/idempotency.js';
import type { Page } from '../../lib/schemas.js';
import { type Held, prepared } from '../../lib/prepared.js';
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

const CLAIM_AND_DEBIT = prepared<{ client: boolean; claimed: number; debited: number }>(
  'paiement_payer',
  `WITH client AS (
     SELECT id FROM clients WHERE id = :clientId
   ), claim AS (
     INSERT INTO paiements (commande_id, client_id, montant_cents, etat)
     SELECT :commandeId, id, :montant, 'EFFECTUE' FROM client
     ON CONFLICT (commande_id) DO NOTHING
     RETURNING client_id
   ), debit AS (
     UPDATE clients SET solde_cents = solde_cents - :montant, updated_at = now()
      WHERE id IN (SELECT client_id FROM claim) AND solde_cents >= :montant
      RETURNING id
   )
   SELECT EXISTS (SELECT 1 FROM client) AS client,
          (SELECT count(*) FROM claim)::int AS claimed,
          (SELECT count(*) FROM debit)::int AS debited`,
);

/**
 * A payment's claim and its guarded debit in one statement, inside the caller's
 * transaction: `claimed` 0 when the commande already holds a ledger row (a concurrent claim
 * of the same id waits for the first transaction), `debited` 0 when the balance is short
 * (the caller then rolls the claim back), `client` false when there is no such client.
 */
export async function claimAndDebit(
  held: Held,
  p: { commandeId: string; clientId: number; montant: number },
): Promise<{ client: boolean; claimed: boolean; debited: boolean }> {
  const { rows } = await CLAIM_AND_DEBIT(held, { ...p });
  const row = rows[0];
  return {
    client: row?.client === true,
    claimed: row?.claimed === 1,
    debited: row?.debited === 1,
  };
}

const PAIEMENT = prepared<PaiementRow>(
  'paiement_lire',
  `SELECT ${COLUMNS} FROM paiements WHERE commande_id = :commandeId`,
);

/** The ledger row of a commande, read in the caller's transaction (a repeated payment). */
export async function findPaiementOn(
  held: Held,
  commandeId: string,
): Promise<PaiementRow | undefined> {
  return (await PAIEMENT(held, { commandeId })).rows[0];
}
