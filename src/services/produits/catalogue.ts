import type { Knex } from 'knex';
import { found, notFound } from '../../lib/errors.js';
import {
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

/** The catalogue: what the shops sell and at what price. */
export class Catalogue {
  constructor(private readonly db: Knex) {}

  list(filter: ProduitFilter): Promise<Produit[]> {
    return listProduits(this.db, filter);
  }

  async get(id: number): Promise<Produit> {
    return found(await findProduit(this.db, id), () => produitInconnu(id));
  }

  create(produit: NewProduit): Promise<Produit> {
    return insertProduit(this.db, produit);
  }

  async update(id: number, changes: Partial<NewProduit>): Promise<Produit> {
    return found(await updateProduit(this.db, id, changes), () => produitInconnu(id));
  }
}
