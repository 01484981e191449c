import type { Knex } from 'knex';
import { found, notFound } from '../../lib/errors.js';
import type { Page } from '../../lib/schemas.js';
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

  list(page: Page): Promise<Magasin[]> {
    return listMagasins(this.db, page);
  }

  async get(id: number): Promise<Magasin> {
    return found(await findMagasin(this.db, id), () =>
      notFound(`Magasin ${id} does not exist`, MAGASIN_INCONNU),
    );
  }

  create(magasin: NewMagasin): Promise<Magasin> {
    return insertMagasin(this.db, magasin);
  }
}
