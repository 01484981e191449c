import type { Knex } from 'knex';
import type { Db } from '../../lib/db.js';
import { AppError, alreadyCompensated, idempotencyMismatch } from '../../lib/errors.js';
import { type Outcome, runClaimed, runClaimedPrepared } from '../../lib/idempotency.js';
import type { Page } from '../../lib/schemas.js';
import { findClient, refundClient } from './clients-repo.js';
import { clientInconnu } from './comptes.js';
import {
  claimAndDebit,
  claimPaiement,
  findPaiement,
  findPaiementOn,
  listPaiements,
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

  payer(clientId: number, commandeId: string, montant: number): Promise<Outcome<PaiementBody>> {
    const body: PaiementBody = {
      commande_id: commandeId,
      etat: 'EFFECTUE',
      montant_cents: montant,
    };
    // The claim and the debit go in one statement (one round trip of the checkout's three).
    return runClaimedPrepared(this.db, {
      claim: async (held) => {
        const paid = await claimAndDebit(held, { commandeId, clientId, montant });
        if (!paid.client) throw clientInconnu(clientId);
        return paid.claimed && paid;
      },
      first: (_held, paid) => {
        // Throwing rolls back the ledger row too: a refused payment leaves no trace.
        if (paid.debited) return Promise.resolve(body);
        throw new AppError(
          'SOLDE_INSUFFISANT',
          `Client ${clientId} cannot pay ${montant} cents`,
          402,
        );
      },
      repeat: async (held) => {
        const first = await findPaiementOn(held, commandeId);
        if (first?.etat === 'REMBOURSE') throw alreadyCompensated(commandeId, 'refunded');
        if (first?.client_id !== clientId || first.montant_cents !== montant) {
          throw idempotencyMismatch(
            `Commande ${commandeId} was already paid with another client or amount`,
          );
        }
        return body;
      },
    });
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
