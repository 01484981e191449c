import type { Knex } from 'knex';
import { notFound } from '../../lib/errors.js';
import type { Commande, CommandeFilter } from '../checkout/commande.js';
import { toCommande } from '../data/commande-rows.js';
import { findCommande, findHistorique, listCommandes } from '../data/commandes-repo.js';
import { findActions } from '../data/operator-repo.js';

/** Reading commandes: one with its history and operator actions, or recent ones. */
export class CommandeQueries {
  constructor(private readonly db: Knex) {}

  async get(id: string): Promise<Commande> {
    const [row, historique, actions] = await Promise.all([
      findCommande(this.db, id),
      findHistorique(this.db, id),
      findActions(this.db, id),
    ]);
    if (!row) throw notFound(`Commande ${id} not found`, 'COMMANDE_INCONNUE');
    return toCommande(row, historique, actions);
  }

  async list(filter: CommandeFilter): Promise<Commande[]> {
    const rows = await listCommandes(this.db, filter);
    return rows.map((r) => toCommande(r, []));
  }
}
