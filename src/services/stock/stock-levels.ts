import type { Knex } from 'knex';
import { conflict, found, notFound } from '../../lib/errors.js';
import type { Page } from '../../lib/schemas.js';
import { adjustStock, findStock, listStock, type StockRow, upsertStock } from './stock-repo.js';

/** The most units an employee may put on a line (set or ajuster); give-backs may exceed it. */
export const MAX_STOCK_LEVEL = 10_000_000;

/** What employees do with the shelves: read, set and adjust levels, and the reports. */
export class StockLevels {
  constructor(
    private readonly db: Knex,
    private readonly seuilSurstock: number,
  ) {}

  list(magasinId: number, page: Page): Promise<StockRow[]> {
    return listStock(this.db, magasinId, { kind: 'tout' }, page);
  }

  async get(magasinId: number, produitId: number): Promise<StockRow> {
    const line = { magasin_id: magasinId, produit_id: produitId };
    return found(await findStock(this.db, line), () => unknownLine(magasinId, produitId));
  }

  set(magasinId: number, produitId: number, quantite: number): Promise<StockRow> {
    return upsertStock(this.db, { magasin_id: magasinId, produit_id: produitId }, quantite);
  }

  async adjust(magasinId: number, produitId: number, delta: number): Promise<StockRow> {
    const line = { magasin_id: magasinId, produit_id: produitId };
    const row = await adjustStock(this.db, line, delta, MAX_STOCK_LEVEL);
    if (row) return row;
    const current = await this.get(magasinId, produitId);
    if (delta < 0) {
      throw conflict(
        `Cannot remove ${-delta} units: only ${current.quantite} in stock`,
        'STOCK_INSUFFISANT',
      );
    }
    throw conflict(
      `Cannot add ${delta} units to ${current.quantite}: a level holds at most ${MAX_STOCK_LEVEL}`,
      'STOCK_MAXIMUM_DEPASSE',
    );
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
