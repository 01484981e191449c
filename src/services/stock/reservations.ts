import type { Knex } from 'knex';
import {
  alreadyCompensated,
  conflict,
  found,
  idempotencyMismatch,
  notFound,
} from '../../lib/errors.js';
import { type Outcome, runClaimed, runClaimedPrepared } from '../../lib/idempotency.js';
import type { Held } from '../../lib/prepared.js';
import { type LigneQuantite, mergeLignes, sameLignes } from '../../lib/lignes.js';
import {
  claimReservation,
  claimReservee,
  findLignes,
  findReservation,
  findReservationOn,
  markLiberee,
  type ReservationRow,
  shortfall,
  takeAll,
} from './reservations-repo.js';
import { giveBackStock } from './stock-repo.js';

export interface ReserverCommand {
  commande_id: string;
  magasin_id: number;
  lignes: readonly LigneQuantite[];
}

export interface ReservationBody {
  commande_id: string;
  etat: 'RESERVEE';
  magasin_id: number;
  lignes: LigneQuantite[];
}

export interface LiberationBody {
  commande_id: string;
  etat: 'LIBEREE';
}

export interface Reservation extends ReservationRow {
  lignes: LigneQuantite[];
}

/** Reservations of stock for commandes, all-or-nothing, idempotent on the commande id. */
export class Reservations {
  constructor(private readonly db: Knex) {}

  reserver(cmd: ReserverCommand): Promise<Outcome<ReservationBody>> {
    const body: ReservationBody = {
      commande_id: cmd.commande_id,
      etat: 'RESERVEE',
      magasin_id: cmd.magasin_id,
      // One line per produit, in produit order: every transaction locks stock rows alike.
      lignes: mergeLignes(cmd.lignes),
    };
    // Claim, take and record on one connection with prepared statements: four round trips
    // (BEGIN, claim, take every line, COMMIT) instead of one per line.
    return runClaimedPrepared(this.db, {
      claim: (held) => claimReservee(held, cmd.commande_id, cmd.magasin_id),
      first: async (held) => {
        await take(held, body);
        return body;
      },
      repeat: (held) => repeat(held, body),
    });
  }

  /**
   * Gives back what the commande reserved, once. Unknown commande: the claim records a
   * tombstone so that a late reserver is refused (null compensation).
   */
  async liberer(commandeId: string): Promise<LiberationBody> {
    const body: LiberationBody = { commande_id: commandeId, etat: 'LIBEREE' };
    const outcome = await runClaimed(this.db, {
      claim: (trx) => claimReservation(trx, commandeId, null, 'LIBEREE'),
      first: () => Promise.resolve(body),
      repeat: async (trx) => {
        const existing = await findReservation(trx, commandeId, { forUpdate: true });
        if (existing?.etat === 'RESERVEE' && existing.magasin_id !== null) {
          for (const l of await findLignes(trx, commandeId)) {
            const line = { magasin_id: existing.magasin_id, produit_id: l.produit_id };
            await giveBackStock(trx, line, l.quantite);
          }
          await markLiberee(trx, commandeId);
        }
        return body;
      },
    });
    return outcome.body;
  }

  async get(commandeId: string): Promise<Reservation> {
    const r = found(await findReservation(this.db, commandeId), () =>
      notFound(`No reservation for commande ${commandeId}`, 'RESERVATION_INCONNUE'),
    );
    return { ...r, lignes: await findLignes(this.db, commandeId) };
  }
}

/** Takes every line or none: throwing rolls back the lines taken so far and the claim. */
async function take(held: Held, r: ReservationBody): Promise<void> {
  const taken = await takeAll(held, r.commande_id, r.magasin_id, r.lignes);
  if (taken === r.lignes.length) return;
  const { magasin, levels } = await shortfall(held, r.magasin_id, r.lignes);
  if (!magasin) throw notFound(`Magasin ${r.magasin_id} holds no stock`, 'MAGASIN_INCONNU');
  for (const l of r.lignes) {
    const available = levels.find((x) => x.produit_id === l.produit_id)?.available ?? null;
    if (available === null) {
      throw notFound(
        `Produit ${l.produit_id} is not sold in magasin ${r.magasin_id}`,
        'PRODUIT_INCONNU',
      );
    }
    if (available < l.quantite) {
      throw conflict(
        `Produit ${l.produit_id}: ${l.quantite} asked, ${available} available in magasin ${r.magasin_id}`,
        'STOCK_INSUFFISANT',
      );
    }
  }
  throw new Error(`Reservation ${r.commande_id}: ${taken} of ${r.lignes.length} lines taken`);
}

/** The first outcome again, or a refusal when the commande was released or differs. */
async function repeat(held: Held, asked: ReservationBody): Promise<ReservationBody> {
  const existing = await findReservationOn(held, asked.commande_id);
  if (!existing) throw new Error(`Reservation ${asked.commande_id} vanished`);
  if (existing.etat === 'LIBEREE') throw alreadyCompensated(asked.commande_id, 'released');
  if (existing.magasin_id !== asked.magasin_id || !sameLignes(existing.lignes, asked.lignes)) {
    throw idempotencyMismatch(
      `Commande ${asked.commande_id} was already reserved with other magasin or lignes`,
    );
  }
  return { ...asked, lignes: existing.lignes };
}
