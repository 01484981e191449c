import type { Knex } from 'knex';
import type { Db } from '../../lib/db.js';
import { AppError, alreadyCompensated, idempotencyMismatch } from '../../lib/errors.js';
import { type Outcome, runClaimed } from '../../lib/idempotency.js';
import { refusalOf } from '../../lib/prepared.js';
import type { Page } from '../../lib/schemas.js';
import { findClient, refundClient } from './clients-repo.js';
import { clientInconnu } from './comptes.js';
import {
  claimPaiement,
  findPaiement,
  findPaiementOn,
  listPaiements,
  payer,
  markRembourse,
  type PaiementRow,
} from './paiements-repo.js';

export interface PaiementBody {
  commande_id: string;
  etat: 'EFFECTUE';
  montant_cents: number;
}

export interface RemboursementBody {
  commande_id: string;
  etat: 'REMBOURSE';
  /** What this call (or the first one) gave back: 0 for a null compensation. */
  montant_cents: number;
}

/** The payments of the saga, idempotent on the commande id, and their refunds. */
export class Paiements {
  constructor(private readonly db: Knex) {}

  async list(clientId: number, page: Page): Promise<PaiementRow[]> {
    if (!(await findClient(this.db, clientId))) throw clientInconnu(clientId);
    return listPaiements(this.db, clientId, page);
  }

  /** One statement the first time (see `payer`); a repeat reads what the first one did. */
  async payer(
    clientId: number,
    commandeId: string,
    montant: number,
  ): Promise<Outcome<PaiementBody>> {
    const body: PaiementBody = {
      commande_id: commandeId,
      etat: 'EFFECTUE',
      montant_cents: montant,
    };
    const paid = await payer(this.db, { commandeId, clientId, montant }).catch((err: unknown) => {
      if (refusalOf(err) !== 'SOLDE_INSUFFISANT') throw err;
      // Refused by the statement itself: the ledger row went with it, no trace is left.
      throw new AppError(
        'SOLDE_INSUFFISANT',
        `Client ${clientId} cannot pay ${montant} cents`,
        402,
      );
    });
    if (!paid.client) throw clientInconnu(clientId);
    if (paid.claimed) return { status: 201, body };
    const first = await findPaiementOn(this.db, commandeId);
    if (first?.etat === 'REMBOURSE') throw alreadyCompensated(commandeId, 'refunded');
    if (first?.client_id !== clientId || first.montant_cents !== montant) {
      throw idempotencyMismatch(
        `Commande ${commandeId} was already paid with another client or amount`,
      );
    }
    return { status: 200, body };
  }

  /**
   * Gives back exactly what the commande paid, once. Unknown commande: the claim records a
   * tombstone so that a late payer is refused (null compensation).
   */
  async rembourser(clientId: number, commandeId: string): Promise<RemboursementBody> {
    const body: RemboursementBody = {
      commande_id: commandeId,
      etat: 'REMBOURSE',
      montant_cents: 0,
    };
    const outcome = await runClaimed(this.db, {
      claim: (trx) =>
        claimPaiement(trx, { commandeId, clientId, montant: null, etat: 'REMBOURSE' }),
      first: () => Promise.resolve(body),
      repeat: async (trx) => ({ ...body, montant_cents: await refund(trx, clientId, commandeId) }),
    });
    return outcome.body;
  }
}

/** Refunds a recorded payment once; answers what it paid (0 for a tombstone). */
async function refund(trx: Db, clientId: number, commandeId: string): Promise<number> {
  const paiement = await findPaiement(trx, commandeId, { forUpdate: true });
  if (!paiement) throw new Error(`Paiement ${commandeId} vanished`);
  if (paiement.client_id !== clientId) {
    throw idempotencyMismatch(`Commande ${commandeId} was paid by another client`);
  }
  const montant = paiement.montant_cents ?? 0;
  if (paiement.etat === 'EFFECTUE') {
    await refundClient(trx, clientId, montant);
    await markRembourse(trx, commandeId);
  }
  return montant;
}
