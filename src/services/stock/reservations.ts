import type { Knex } from 'knex';
import type { Db } from '../../lib/db.js';
import {
  alreadyCompensated,
  conflict,
  found,
  idempotencyMismatch,
  notFound,
} from '../../lib/errors.js';
import { type Outcome, runClaimed } from '../../lib/idempotency.js';
import { type LigneQuantite, mergeLignes, sameLignes } from '../../lib/lignes.js';
import {
  claimReservation,
  findLignes,
  findReservation,
  insertLignes,
  markLiberee,
  type ReservationRow,
} from './reservations-repo.js';
import { findStock, giveBackStock, magasinHasStock, takeStock } from './stock-repo.js';

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
    return runClaimed(this.db, {
      claim: (trx) => claimReservation(trx, cmd.commande_id, cmd.magasin_id, 'RESERVEE'),
      first: async (trx) => {
        await take(trx, body);
        return body;
      },
      repeat: (trx) => repeat(trx, body),
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
async function take(trx: Db, r: ReservationBody): Promise<void> {
  if (!(await magasinHasStock(trx, r.magasin_id))) {
    throw notFound(`Magasin ${r.magasin_id} holds no stock`, 'MAGASIN_INCONNU');
  }
  for (const l of r.lignes) {
    const line = { magasin_id: r.magasin_id, produit_id: l.produit_id };
    if (await takeStock(trx, line, l.quantite)) continue;
    const row = await findStock(trx, line);
    if (!row) {
      throw notFound(
        `Produit ${l.produit_id} is not sold in magasin ${r.magasin_id}`,
        'PRODUIT_INCONNU',
      );
    }
    throw conflict(
      `Produit ${l.produit_id}: ${l.quantite} asked, ${row.quantite} available in magasin ${r.magasin_id}`,
      'STOCK_INSUFFISANT',
    );
  }
  await insertLignes(trx, r.commande_id, r.lignes);
}

/** The first outcome again, or a refusal when the commande was released or differs. */
async function repeat(trx: Db, asked: ReservationBody): Promise<ReservationBody> {
  const existing = await findReservation(trx, asked.commande_id);
  if (!existing) throw new Error(`Reservation ${asked.commande_id} vanished`);
  if (existing.etat === 'LIBEREE') throw alreadyCompensated(asked.commande_id, 'released');
  const stored = await findLignes(trx, asked.commande_id);
  if (existing.magasin_id !== asked.magasin_id || !sameLignes(stored, asked.lignes)) {
    throw idempotencyMismatch(
      `Commande ${asked.commande_id} was already reserved with other magasin or lignes`,
    );
  }
  return { ...asked, lignes: stored };
}
