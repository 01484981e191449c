import type { Knex } from 'knex';
import { notFound } from '../../lib/errors.js';
import {
  findMagasin,
  insertMagasin,
  listMagasins,
  type Magasin,
  type NewMagasin,
} from './magasins-repo.js';

export const MAGASIN_INCONNU = 'MAGASIN_INCONNU';

/** The shops of the chain. */
export class Magasins {
  constructor(private readonly db: Knex) {}

  list(page: { limit: number; offset: number }): Promise<Magasin[]> {
    return listMagasins(this.db, page);
  }

  async get(id: number): Promise<Magasin> {
    const magasin = await findMagasin(this.db, id);
    if (!magasin) throw notFound(`Magasin ${id} does not exist`, MAGASIN_INCONNU);
    return magasin;
  }

  create(magasin: NewMagasin): Promise<Magasin> {
    return insertMagasin(this.db, magasin);
  }
}
