import type { Knex } from 'knex';
import { notFound } from '../../lib/errors.js';
import { RecordedCollection } from '../../lib/historique.js';
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

/**
 * The catalogue: what the shops sell and at what price, each change recorded with who made
 * it. Today's price only: a commande keeps the price its cart paid.
 */
export class Catalogue extends RecordedCollection<NewProduit, Produit> {
  constructor(db: Knex) {
    super(db, {
      historique: { table: 'produits_historique', key: 'produit_id' },
      fields: EDITABLE,
      insert: insertProduit,
      find: findProduit,
      update: updateProduit,
      missing: (id) => notFound(`Produit ${id} does not exist`, PRODUIT_INCONNU),
    });
  }

  list(filter: ProduitFilter): Promise<Produit[]> {
    return listProduits(this.db, filter);
  }
}
