import type { Knex } from 'knex';
import { notFound } from '../../lib/errors.js';
import { RecordedCollection } from '../../lib/historique.js';
import type { Page } from '../../lib/schemas.js';
import {
  EDITABLE,
  findMagasin,
  insertMagasin,
  listMagasins,
  type Magasin,
  type NewMagasin,
  updateMagasin,
} from './magasins-repo.js';

export const MAGASIN_INCONNU = 'MAGASIN_INCONNU';

/** The shops of the chain, each creation and change recorded with who made it. */
export class Magasins extends RecordedCollection<NewMagasin, Magasin> {
  constructor(db: Knex) {
    super(db, {
      historique: { table: 'magasins_historique', key: 'magasin_id' },
      fields: EDITABLE,
      insert: insertMagasin,
      find: findMagasin,
      update: updateMagasin,
      missing: (id) => notFound(`Magasin ${id} does not exist`, MAGASIN_INCONNU),
    });
  }

  list(page: Page): Promise<Magasin[]> {
    return listMagasins(this.db, page);
  }
}
