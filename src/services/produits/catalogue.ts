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
  findProduit,
  insertProduit,
  listProduits,
  type NewProduit,
  type Produit,
  type ProduitFilter,
  updateProduit,
} from './produits-repo.js';

export const PRODUIT_INCONNU = 'PRODUIT_INCONNU';

const produitInconnu = (id: number) => notFound(`Produit ${id} does not exist`, PRODUIT_INCONNU);

const STORE: RecordedStore<NewProduit, Produit> = {
  historique: { table: 'produits_historique', key: 'produit_id' },
  fields: EDITABLE,
  insert: insertProduit,
  find: findProduit,
  update: updateProduit,
  missing: produitInconnu,
};

/**
 * The catalogue: what the shops sell and at what price, each change recorded with who made
 * it. Today's price only: a commande keeps the price its cart paid.
 */
export class Catalogue {
  constructor(private readonly db: Knex) {}

  list(filter: ProduitFilter): Promise<Produit[]> {
    return listProduits(this.db, filter);
  }

  async get(id: number): Promise<Produit> {
    return found(await findProduit(this.db, id), () => produitInconnu(id));
  }

  create(produit: NewProduit, caller?: Principal): Promise<Produit> {
    return createRecorded(this.db, STORE, produit, caller);
  }

  update(id: number, changes: Partial<NewProduit>, caller?: Principal): Promise<Produit> {
    return updateRecorded(this.db, STORE, id, changes, caller);
  }

  async historique(id: number, page: Page): Promise<EntreeHistorique[]> {
    await this.get(id);
    return listHistorique(this.db, STORE.historique, id, page);
  }
}
