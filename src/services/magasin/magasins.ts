import type { Knex } from 'knex';
import type { Principal } from '../../lib/auth.js';
import { found, notFound } from '../../lib/errors.js';
import {
  createRecorded,
  type EntreeHistorique,
  listHistorique,
  type RecordedStore,
  updateRecorded,
} from '../../lib/historique.js';
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

const magasinInconnu = (id: number) => notFound(`Magasin ${id} does not exist`, MAGASIN_INCONNU);

const STORE: RecordedStore<NewMagasin, Magasin> = {
  historique: { table: 'magasins_historique', key: 'magasin_id' },
  fields: EDITABLE,
  insert: insertMagasin,
  find: findMagasin,
  update: updateMagasin,
  missing: magasinInconnu,
};

/** The shops of the chain, each change recorded with who made it. */
export class Magasins {
  constructor(private readonly db: Knex) {}

  list(page: Page): Promise<Magasin[]> {
    return listMagasins(this.db, page);
  }

  async get(id: number): Promise<Magasin> {
    return found(await findMagasin(this.db, id), () => magasinInconnu(id));
  }

  create(magasin: NewMagasin, caller?: Principal): Promise<Magasin> {
    return createRecorded(this.db, STORE, magasin, caller);
  }

  update(id: number, changes: Partial<NewMagasin>, caller?: Principal): Promise<Magasin> {
    return updateRecorded(this.db, STORE, id, changes, caller);
  }

  async historique(id: number, page: Page): Promise<EntreeHistorique[]> {
    await this.get(id);
    return listHistorique(this.db, STORE.historique, id, page);
  }
}
