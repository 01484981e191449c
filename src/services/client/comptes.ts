import type { Knex } from 'knex';
import { type AppError, conflict, found, notFound } from '../../lib/errors.js';
import type { Page } from '../../lib/schemas.js';
import {
  type ClientRow,
  creditClient,
  findClient,
  insertClient,
  listClients,
  MAX_SOLDE_CENTS,
  type NewClient,
} from './clients-repo.js';

export const clientInconnu = (id: number): AppError =>
  notFound(`Client ${id} does not exist`, 'CLIENT_INCONNU');

/** Client accounts and their balance. */
export class Comptes {
  constructor(private readonly db: Knex) {}

  async create(client: NewClient): Promise<ClientRow> {
    const created = await insertClient(this.db, client);
    if (!created) throw conflict(`Email ${client.email} is already used`, 'EMAIL_DEJA_UTILISE');
    return created;
  }

  async get(id: number): Promise<ClientRow> {
    return found(await findClient(this.db, id), () => clientInconnu(id));
  }

  list(page: Page): Promise<ClientRow[]> {
    return listClients(this.db, page);
  }

  async crediter(id: number, montant: number): Promise<ClientRow> {
    const credited = await creditClient(this.db, id, montant);
    if (credited) return credited;
    const { solde_cents } = await this.get(id);
    throw conflict(
      `Cannot credit ${montant} cents to ${solde_cents}: a balance holds at most ${MAX_SOLDE_CENTS}`,
      'SOLDE_MAXIMUM_DEPASSE',
    );
  }
}
