import type { Knex } from 'knex';
import { notFound } from '../../lib/errors.js';
import {
  findProduit,
  insertProduit,
  listProduits,
  type NewProduit,
  type Produit,
  updateProduit,
} from './produits-repo.js';

export const PRODUIT_INCONNU = 'PRODUIT_INCONNU';

/** The catalogue: what the shops sell and at what price. */
export class Catalogue {
  constructor(private readonly db: Knex) {}

  list(filter: {
    categorie: string | undefined;
    limit: number;
    offset: number;
  }): Promise<Produit[]> {
    return listProduits(this.db, filter);
  }

  async get(id: number): Promise<Produit> {
    const produit = await findProduit(this.db, id);
    if (!produit) throw notFound(`Produit ${id} does not exist`, PRODUIT_INCONNU);
    return produit;
  }

  create(produit: NewProduit): Promise<Produit> {
    return insertProduit(this.db, produit);
  }

  async update(id: number, changes: Partial<NewProduit>): Promise<Produit> {
    const produit = await updateProduit(this.db, id, changes);
    if (!produit) throw notFound(`Produit ${id} does not exist`, PRODUIT_INCONNU);
    return produit;
  }
}
