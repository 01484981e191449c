import type { Knex } from 'knex';
import { type AppError, conflict, idempotencyMismatch } from '../../lib/errors.js';
import type { Outcome } from '../../lib/idempotency.js';
import type { Logger } from '../../lib/logger.js';
import {
  deleteClient,
  findByInscription,
  hasPaiement,
  type InscriptionClient,
  insertInscriptionClient,
  isCancelled,
  lockInscription,
  recordCancelled,
} from './inscriptions-repo.js';

export interface NewInscriptionClient {
  inscription_id: string;
  nom: string;
  /** Lowercase (the route's joi), as clients_email_unique compares it. */
  email: string;
}

export interface ClientCree {
  inscription_id: string;
  etat: 'CREE';
  client_id: number;
}

export interface InscriptionAnnulee {
  inscription_id: string;
  etat: 'ANNULEE';
}

/** The auth service's words: the form does not tell which of the two is taken. */
const compteExistant = (): AppError =>
  conflict('This username or e-mail is already in use', 'COMPTE_EXISTANT');

/** A repeated creation answers the record it made, if it is the same person. */
function repeated(c: NewInscriptionClient, found: InscriptionClient): ClientCree {
  if (found.nom !== c.nom || found.email.toLowerCase() !== c.email.toLowerCase()) {
    throw idempotencyMismatch(
      `Inscription ${c.inscription_id} made a client of another name or e-mail`,
    );
  }
  return { inscription_id: c.inscription_id, etat: 'CREE', client_id: found.id };
}

/**
 * The client service's part of the sign-up saga (docs/saga-contract.md, "The sign-up saga"):
 * the client record of an inscription, balance 0, and its compensation. Both run in one
 * transaction under the inscription's lock, so a cancellation and a late creation never
 * both pass their checks.
 */
export class InscriptionsClient {
  constructor(
    private readonly db: Knex,
    private readonly logger: Logger,
  ) {}

  /** 201 the first time, 200 on a repeat (the same client id). */
  creer(c: NewInscriptionClient): Promise<Outcome<ClientCree>> {
    const id = c.inscription_id;
    return this.db.transaction(async (trx): Promise<Outcome<ClientCree>> => {
      await lockInscription(trx, id);
      const found = await findByInscription(trx, id);
      if (found) return { status: 200, body: repeated(c, found) };
      if (await isCancelled(trx, id)) {
        throw conflict(`Inscription ${id} was cancelled`, 'INSCRIPTION_ANNULEE');
      }
      const clientId = await insertInscriptionClient(trx, { inscriptionId: id, ...c });
      if (clientId === undefined) throw compteExistant();
      return { status: 201, body: { inscription_id: id, etat: 'CREE', client_id: clientId } };
    });
  }

  /** The compensation: the record goes unless it was used, a tombstone stays. Repeatable. */
  annuler(id: string): Promise<InscriptionAnnulee> {
    return this.db.transaction(async (trx): Promise<InscriptionAnnulee> => {
      await lockInscription(trx, id);
      // Locked: a payment or a credit of this client waits, then finds no client.
      const found = await findByInscription(trx, id, { forUpdate: true });
      if (found) {
        if (found.solde_cents !== 0 || (await hasPaiement(trx, found.id))) {
          // The saga compensates only short of activation: nobody could use it. A bug.
          this.logger.error('cancellation of a used client record refused', {
            inscriptionId: id,
            clientId: found.id,
            soldeCents: found.solde_cents,
          });
          throw conflict(`Client ${found.id} has been used: it stays`, 'CLIENT_UTILISE');
        }
        await deleteClient(trx, found.id);
      }
      await recordCancelled(trx, id);
      return { inscription_id: id, etat: 'ANNULEE' };
    });
  }
}
