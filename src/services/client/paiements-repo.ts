import type { Db } from '../../lib/db.js';
import { claimCommande, findClaimed, markCompensated } from '../../lib/idempotency.js';
import type { Page } from '../../lib/schemas.js';
import type { Knex } from 'knex';
import { prepared, type Runner } from '../../lib/prepared.js';
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

const PAYER = prepared<{ client: boolean; claimed: number }>(
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
   SELECT EXISTS (SELECT 1 FROM client) AS client, n.claimed,
          CASE WHEN n.claimed = 1 AND n.debited = 0 THEN refuser('SOLDE_INSUFFISANT') END
     FROM (SELECT (SELECT count(*) FROM claim)::int AS claimed,
                  (SELECT count(*) FROM debit)::int AS debited) n`,
);

/**
 * A payment in one statement (atomic on its own, one round trip): the client checked, the
 * commande claimed in the ledger (a concurrent claim of the same id waits for the first),
 * the balance debited only if it covers the amount, else the statement refuses with
 * SOLDE_INSUFFISANT and leaves nothing, claim included. `claimed` false: the commande
 * already holds a ledger row (a repeat); `client` false: no such client.
 */
export async function payer(
  db: Knex,
  p: { commandeId: string; clientId: number; montant: number },
): Promise<{ client: boolean; claimed: boolean }> {
  const { rows } = await PAYER(db, { ...p });
  return { client: rows[0]?.client === true, claimed: rows[0]?.claimed === 1 };
}

const PAIEMENT = prepared<PaiementRow>(
  'paiement_lire',
  `SELECT ${COLUMNS} FROM paiements WHERE commande_id = :commandeId`,
);

/** The ledger row of a commande (a repeated payment). */
export async function findPaiementOn(
  db: Runner,
  commandeId: string,
): Promise<PaiementRow | undefined> {
  return (await PAIEMENT(db, { commandeId })).rows[0];
}
