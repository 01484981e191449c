import type { Knex } from 'knex';
import { AppError, conflict, notFound } from '../../lib/errors.js';
import {
  claimReservation,
  findLignes,
  findReservation,
  insertLignes,
  type LigneReservee,
  markLiberee,
} from './reservations-repo.js';
import { findStock, giveBackStock, magasinHasStock, takeStock } from './stock-repo.js';

export interface ReserverCommand {
  commande_id: string;
  magasin_id: number;
  lignes: readonly LigneReservee[];
}

export interface ReservationBody {
  commande_id: string;
  etat: 'RESERVEE';
  magasin_id: number;
  lignes: LigneReservee[];
}

export interface Outcome<T> {
  /** 201 the first time, 200 when the same command is repeated. */
  status: 200 | 201;
  body: T;
}

/** One line per produit, sorted by produit_id: every transaction locks rows in that order. */
export function normaliseLignes(lignes: readonly LigneReservee[]): LigneReservee[] {
  const byProduit = new Map<number, number>();
  for (const l of lignes)
    byProduit.set(l.produit_id, (byProduit.get(l.produit_id) ?? 0) + l.quantite);
  return [...byProduit.entries()]
    .sort(([a], [b]) => a - b)
    .map(([produit_id, quantite]) => ({ produit_id, quantite }));
}

const sameLignes = (a: readonly LigneReservee[], b: readonly LigneReservee[]): boolean =>
  a.length === b.length &&
  a.every((l, i) => l.produit_id === b[i]?.produit_id && l.quantite === b[i]?.quantite);

const alreadyCompensated = (commandeId: string): AppError =>
  conflict(`Commande ${commandeId} was already released`, 'ALREADY_COMPENSATED');

/** Reservations of stock for commandes, all-or-nothing, idempotent on the commande id. */
export class Reservations {
  constructor(private readonly db: Knex) {}

  reserver(cmd: ReserverCommand): Promise<Outcome<ReservationBody>> {
    const lignes = normaliseLignes(cmd.lignes);
    return this.db.transaction(async (trx) => {
      if (!(await claimReservation(trx, cmd.commande_id, cmd.magasin_id, 'RESERVEE'))) {
        return {
          status: 200,
          body: await this.repeat(trx, cmd.commande_id, cmd.magasin_id, lignes),
        };
      }
      if (!(await magasinHasStock(trx, cmd.magasin_id))) {
        throw notFound(`Magasin ${cmd.magasin_id} holds no stock`, 'MAGASIN_INCONNU');
      }
      for (const l of lignes) {
        if (await takeStock(trx, cmd.magasin_id, l.produit_id, l.quantite)) continue;
        // Throwing rolls back every line taken so far and the claim itself.
        const row = await findStock(trx, cmd.magasin_id, l.produit_id);
        if (!row) {
          throw notFound(
            `Produit ${l.produit_id} is not sold in magasin ${cmd.magasin_id}`,
            'PRODUIT_INCONNU',
          );
        }
        throw conflict(
          `Produit ${l.produit_id}: ${l.quantite} asked, ${row.quantite} available in magasin ${cmd.magasin_id}`,
          'STOCK_INSUFFISANT',
        );
      }
      await insertLignes(trx, cmd.commande_id, lignes);
      return {
        status: 201,
        body: {
          commande_id: cmd.commande_id,
          etat: 'RESERVEE',
          magasin_id: cmd.magasin_id,
          lignes,
        },
      };
    });
  }

  /** The first outcome again, or a refusal when the commande was released or differs. */
  private async repeat(
    trx: Knex.Transaction,
    commandeId: string,
    magasinId: number,
    lignes: readonly LigneReservee[],
  ): Promise<ReservationBody> {
    const existing = await findReservation(trx, commandeId);
    if (!existing) throw new Error(`Reservation ${commandeId} vanished`);
    if (existing.etat === 'LIBEREE') throw alreadyCompensated(commandeId);
    const stored = await findLignes(trx, commandeId);
    if (existing.magasin_id !== magasinId || !sameLignes(stored, lignes)) {
      throw new AppError(
        'IDEMPOTENCY_MISMATCH',
        `Commande ${commandeId} was already reserved with other magasin or lignes`,
        422,
      );
    }
    return { commande_id: commandeId, etat: 'RESERVEE', magasin_id: magasinId, lignes: stored };
  }

  /**
   * Gives back what the commande reserved, once. Unknown commande: records a tombstone so
   * that a late reserver is refused (null compensation).
   */
  liberer(commandeId: string): Promise<{ commande_id: string; etat: 'LIBEREE' }> {
    return this.db.transaction(async (trx) => {
      const body = { commande_id: commandeId, etat: 'LIBEREE' as const };
      if (await claimReservation(trx, commandeId, null, 'LIBEREE')) return body;
      const existing = await findReservation(trx, commandeId, { forUpdate: true });
      if (existing?.etat !== 'RESERVEE' || existing.magasin_id === null) return body;
      for (const l of await findLignes(trx, commandeId)) {
        await giveBackStock(trx, existing.magasin_id, l.produit_id, l.quantite);
      }
      await markLiberee(trx, commandeId);
      return body;
    });
  }

  async get(commandeId: string): Promise<{
    commande_id: string;
    etat: string;
    magasin_id: number | null;
    lignes: LigneReservee[];
    created_at: Date;
    liberee_at: Date | null;
  }> {
    const r = await findReservation(this.db, commandeId);
    if (!r) throw notFound(`No reservation for commande ${commandeId}`, 'RESERVATION_INCONNUE');
    return { ...r, lignes: await findLignes(this.db, commandeId) };
  }
}
