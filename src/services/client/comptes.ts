import type { Knex } from 'knex';
import { AppError, conflict, notFound } from '../../lib/errors.js';
import {
  type ClientRow,
  creditClient,
  debitClient,
  findClient,
  insertClient,
  listClients,
  type NewClient,
} from './clients-repo.js';
import {
  claimPaiement,
  findPaiement,
  listPaiements,
  markRembourse,
  type PaiementRow,
} from './paiements-repo.js';

export interface PaiementBody {
  commande_id: string;
  etat: 'EFFECTUE';
  montant_cents: number;
}

export interface RemboursementBody {
  commande_id: string;
  etat: 'REMBOURSE';
  /** What this call (or the first one) gave back: 0 for a null compensation. */
  montant_cents: number;
}

export interface Outcome<T> {
  /** 201 the first time, 200 when the same command is repeated. */
  status: 200 | 201;
  body: T;
}

const clientInconnu = (id: number): AppError =>
  notFound(`Client ${id} does not exist`, 'CLIENT_INCONNU');

const mismatch = (message: string): AppError => new AppError('IDEMPOTENCY_MISMATCH', message, 422);

/** Client accounts and their balance; payments are idempotent on the commande id. */
export class Comptes {
  constructor(private readonly db: Knex) {}

  async create(client: NewClient): Promise<ClientRow> {
    const created = await insertClient(this.db, client);
    if (!created) throw conflict(`Email ${client.email} is already used`, 'EMAIL_DEJA_UTILISE');
    return created;
  }

  async get(id: number): Promise<ClientRow> {
    const client = await findClient(this.db, id);
    if (!client) throw clientInconnu(id);
    return client;
  }

  list(page: { limit: number; offset: number }): Promise<ClientRow[]> {
    return listClients(this.db, page);
  }

  async crediter(id: number, montant: number): Promise<ClientRow> {
    const client = await creditClient(this.db, id, montant);
    if (!client) throw clientInconnu(id);
    return client;
  }

  async paiements(id: number, limit: number): Promise<PaiementRow[]> {
    await this.get(id);
    return listPaiements(this.db, id, limit);
  }

  payer(clientId: number, commandeId: string, montant: number): Promise<Outcome<PaiementBody>> {
    return this.db.transaction(async (trx) => {
      if (!(await findClient(trx, clientId))) throw clientInconnu(clientId);
      const body: PaiementBody = {
        commande_id: commandeId,
        etat: 'EFFECTUE',
        montant_cents: montant,
      };
      const claimed = await claimPaiement(trx, {
        commandeId,
        clientId,
        montant,
        etat: 'EFFECTUE',
      });
      if (!claimed) {
        const first = await findPaiement(trx, commandeId);
        if (first?.etat === 'REMBOURSE') {
          throw conflict(`Commande ${commandeId} was already refunded`, 'ALREADY_COMPENSATED');
        }
        if (first?.client_id !== clientId || first.montant_cents !== montant) {
          throw mismatch(`Commande ${commandeId} was already paid with another client or amount`);
        }
        return { status: 200, body };
      }
      if (!(await debitClient(trx, clientId, montant))) {
        // Rolls back the ledger row too: a refused payment leaves no trace.
        throw new AppError(
          'SOLDE_INSUFFISANT',
          `Client ${clientId} cannot pay ${montant} cents`,
          402,
        );
      }
      return { status: 201, body };
    });
  }

  /**
   * Gives back exactly what the commande paid, once. Unknown commande: records a tombstone
   * so that a late payer is refused (null compensation).
   */
  rembourser(clientId: number, commandeId: string): Promise<RemboursementBody> {
    return this.db.transaction(async (trx) => {
      const body: RemboursementBody = {
        commande_id: commandeId,
        etat: 'REMBOURSE',
        montant_cents: 0,
      };
      const tombstone = await claimPaiement(trx, {
        commandeId,
        clientId,
        montant: null,
        etat: 'REMBOURSE',
      });
      if (tombstone) return body;
      const paiement = await findPaiement(trx, commandeId, { forUpdate: true });
      if (!paiement) throw new Error(`Paiement ${commandeId} vanished`);
      if (paiement.client_id !== clientId) {
        throw mismatch(`Commande ${commandeId} was paid by another client`);
      }
      const montant = paiement.montant_cents ?? 0;
      if (paiement.etat === 'EFFECTUE') {
        await creditClient(trx, clientId, montant);
        await markRembourse(trx, commandeId);
      }
      return { ...body, montant_cents: montant };
    });
  }
}
