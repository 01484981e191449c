import type { Knex } from 'knex';
import { conflict, notFound } from '../../lib/errors.js';
import {
  adjustStock,
  findStock,
  listRuptures,
  listStock,
  listSurstock,
  type StockRow,
  upsertStock,
} from './stock-repo.js';

/** What employees do with the shelves: read, set and adjust levels, and the reports. */
export class StockLevels {
  constructor(
    private readonly db: Knex,
    private readonly seuilSurstock: number,
  ) {}

  list(magasinId: number): Promise<StockRow[]> {
    return listStock(this.db, magasinId);
  }

  async get(magasinId: number, produitId: number): Promise<StockRow> {
    const row = await findStock(this.db, magasinId, produitId);
    if (!row) throw unknownLine(magasinId, produitId);
    return row;
  }

  set(magasinId: number, produitId: number, quantite: number): Promise<StockRow> {
    return upsertStock(this.db, magasinId, produitId, quantite);
  }

  async adjust(magasinId: number, produitId: number, delta: number): Promise<StockRow> {
    const row = await adjustStock(this.db, magasinId, produitId, delta);
    if (row) return row;
    const current = await findStock(this.db, magasinId, produitId);
    if (!current) throw unknownLine(magasinId, produitId);
    throw conflict(
      `Cannot remove ${-delta} units: only ${current.quantite} in stock`,
      'STOCK_INSUFFISANT',
    );
  }

  ruptures(magasinId: number): Promise<StockRow[]> {
    return listRuptures(this.db, magasinId);
  }

  surstock(magasinId: number, seuil: number | undefined): Promise<StockRow[]> {
    return listSurstock(this.db, magasinId, seuil ?? this.seuilSurstock);
  }

  get defaultSeuil(): number {
    return this.seuilSurstock;
  }
}

const unknownLine = (magasinId: number, produitId: number): Error =>
  notFound(`Produit ${produitId} is not stocked in magasin ${magasinId}`, 'PRODUIT_INCONNU');
