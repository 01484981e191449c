import type { Knex } from 'knex';
import {
  alreadyCompensated,
  conflict,
  found,
  idempotencyMismatch,
  notFound,
} from '../../lib/errors.js';
import { type Outcome, runClaimed } from '../../lib/idempotency.js';
import { refusalOf } from '../../lib/prepared.js';
import { type LigneQuantite, mergeLignes, sameLignes } from '../../lib/lignes.js';
import {
  claimReservation,
  findLignes,
  findReservation,
  findReservationOn,
  markLiberee,
  reserver,
  type ReservationRow,
  shortfall,
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

  /** One statement the first time (see `reserver`); a repeat reads what the first one did. */
  async reserver(cmd: ReserverCommand): Promise<Outcome<ReservationBody>> {
    const body: ReservationBody = {
      commande_id: cmd.commande_id,
      etat: 'RESERVEE',
      magasin_id: cmd.magasin_id,
      // One line per produit, in produit order: every transaction locks stock rows alike.
      lignes: mergeLignes(cmd.lignes),
    };
    const claimed = await reserver(this.db, cmd.commande_id, cmd.magasin_id, body.lignes).catch(
      async (err: unknown) => {
        if (refusalOf(err) === 'STOCK_MANQUANT') throw await whyShort(this.db, body);
        throw err;
      },
    );
    if (claimed) return { status: 201, body };
    return { status: 200, body: await repeat(this.db, body) };
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

/** The refusal of a reservation that a line was short for, in the contract's words. */
async function whyShort(db: Knex, r: ReservationBody): Promise<Error> {
  const { magasin, levels } = await shortfall(db, r.magasin_id, r.lignes);
  if (!magasin) return notFound(`Magasin ${r.magasin_id} holds no stock`, 'MAGASIN_INCONNU');
  for (const l of r.lignes) {
    const available = levels.find((x) => x.produit_id === l.produit_id)?.available ?? null;
    if (available === null) {
      return notFound(
        `Produit ${l.produit_id} is not sold in magasin ${r.magasin_id}`,
        'PRODUIT_INCONNU',
      );
    }
    if (available < l.quantite) {
      return conflict(
        `Produit ${l.produit_id}: ${l.quantite} asked, ${available} available in magasin ${r.magasin_id}`,
        'STOCK_INSUFFISANT',
      );
    }
  }
  // Topped up between the refusal and this read: nothing was done, the saga tries again.
  return new Error(`Reservation ${r.commande_id}: a line was short, none is now`);
}

/** The first outcome again, or a refusal when the commande was released or differs. */
async function repeat(db: Knex, asked: ReservationBody): Promise<ReservationBody> {
  const existing = await findReservationOn(db, asked.commande_id);
  if (!existing) throw new Error(`Reservation ${asked.commande_id} vanished`);
  if (existing.etat === 'LIBEREE') throw alreadyCompensated(asked.commande_id, 'released');
  if (existing.magasin_id !== asked.magasin_id || !sameLignes(existing.lignes, asked.lignes)) {
    throw idempotencyMismatch(
      `Commande ${asked.commande_id} was already reserved with other magasin or lignes`,
    );
  }
  return { ...asked, lignes: existing.lignes };
}
