import type { Knex } from 'knex';
import type { Principal } from '../../lib/auth.js';
import type { Db } from '../../lib/db.js';
import { conflict, found, notFound } from '../../lib/errors.js';
import { auteurOf } from '../../lib/historique.js';
import type { Page } from '../../lib/schemas.js';
import { type EntreeStock, insertStockChange, listStockChanges } from './stock-historique-repo.js';
import {
  adjustStock,
  findStock,
  listStock,
  type StockLine,
  type StockRow,
  upsertStock,
} from './stock-repo.js';

/** The most units an employee may put on a line (set or ajuster); give-backs may exceed it. */
export const MAX_STOCK_LEVEL = 10_000_000;

export interface FixerCommand {
  quantite: number;
  /**
   * The level the employee saw (0 for a line not carried yet): when the level moved since
   * (a checkout reserved units, someone else changed it), the set is refused rather than
   * overwrite units it did not know about.
   */
  quantite_attendue?: number | undefined;
  motif?: string | undefined;
}

export interface AjusterCommand {
  delta: number;
  motif: string;
}

/**
 * What employees do with the shelves: read, set and adjust levels, the reports, and the
 * history of every change. Reservations live beside the level (reservations.ts takes units
 * off it, liberer gives them back): an adjustment is relative, in one guarded UPDATE, so it
 * composes with any reservation in flight; a set is absolute, so it may name the level it
 * replaces (quantite_attendue) and is refused when a reservation moved it meanwhile.
 */
export class StockLevels {
  constructor(
    private readonly db: Knex,
    private readonly seuilSurstock: number,
  ) {}

  list(magasinId: number, page: Page): Promise<StockRow[]> {
    return listStock(this.db, magasinId, { kind: 'tout' }, page);
  }

  async get(magasinId: number, produitId: number, db: Db = this.db): Promise<StockRow> {
    const line = { magasin_id: magasinId, produit_id: produitId };
    return found(await findStock(db, line), () => unknownLine(magasinId, produitId));
  }

  set(line: StockLine, cmd: FixerCommand, caller?: Principal): Promise<StockRow> {
    return this.db.transaction(async (trx) => {
      const before = await findStock(trx, line, { forUpdate: true });
      const seen = cmd.quantite_attendue;
      if (seen !== undefined && (before?.quantite ?? 0) !== seen) {
        throw conflict(
          `The level is now ${before?.quantite ?? 0}, not ${seen}: it changed meanwhile (a checkout or another employee); set it again from ${before?.quantite ?? 0}`,
          'STOCK_MODIFIE',
        );
      }
      const row = await upsertStock(trx, line, cmd.quantite);
      await insertStockChange(trx, line, {
        action: 'fixer',
        auteur: auteurOf(caller),
        avant: before?.quantite ?? null,
        apres: row.quantite,
        motif: cmd.motif ?? null,
      });
      return row;
    });
  }

  adjust(line: StockLine, cmd: AjusterCommand, caller?: Principal): Promise<StockRow> {
    return this.db.transaction(async (trx) => {
      const row = await adjustStock(trx, line, cmd.delta, MAX_STOCK_LEVEL);
      if (!row) throw await this.refusal(trx, line, cmd.delta);
      await insertStockChange(trx, line, {
        action: 'ajuster',
        auteur: auteurOf(caller),
        avant: row.quantite - cmd.delta,
        apres: row.quantite,
        motif: cmd.motif,
      });
      return row;
    });
  }

  /** Why an adjustment moved nothing: no such line, too few units, or past the maximum. */
  private async refusal(db: Db, line: StockLine, delta: number): Promise<Error> {
    const current = await this.get(line.magasin_id, line.produit_id, db);
    if (delta < 0) {
      return conflict(
        `Cannot remove ${-delta} units: only ${current.quantite} in stock`,
        'STOCK_INSUFFISANT',
      );
    }
    return conflict(
      `Cannot add ${delta} units to ${current.quantite}: a level holds at most ${MAX_STOCK_LEVEL}`,
      'STOCK_MAXIMUM_DEPASSE',
    );
  }

  /** The changes of a magasin's lines, or of one line (produit_id given), newest first. */
  historique(
    where: { magasin_id: number; produit_id?: number | undefined },
    page: Page,
  ): Promise<EntreeStock[]> {
    return listStockChanges(this.db, where, page);
  }

  ruptures(magasinId: number, page: Page): Promise<StockRow[]> {
    return listStock(this.db, magasinId, { kind: 'ruptures' }, page);
  }

  surstock(magasinId: number, seuil: number | undefined, page: Page): Promise<StockRow[]> {
    return listStock(this.db, magasinId, { kind: 'surstock', seuil: this.seuil(seuil) }, page);
  }

  seuil(given: number | undefined): number {
    return given ?? this.seuilSurstock;
  }
}

const unknownLine = (magasinId: number, produitId: number) =>
  notFound(`Produit ${produitId} is not stocked in magasin ${magasinId}`, 'PRODUIT_INCONNU');
