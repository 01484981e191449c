import type { Knex } from 'knex';
import { conflict, idempotencyMismatch, notFound } from '../../lib/errors.js';
import { type LigneQuantite, MAX_LIGNES, mergeLignes, totalCents } from '../../lib/lignes.js';
import {
  addToLigne,
  countLignes,
  deleteLigne,
  findLignes,
  findPanierConnu,
  isKnownClient,
  type LignePanier,
  lockPanier,
  rememberClient,
  setQuantite,
  viderPanier,
} from './panier-repo.js';
import type { Peers } from './services-http.js';

/** Most units of one produit in a cart (what one line may be changed to, too). */
export const MAX_QUANTITE_LIGNE = 10_000;

export interface Panier {
  client_id: number;
  lignes: LignePanier[];
  total_cents: number;
}

export interface VidageBody {
  commande_id: string;
  client_id: number;
  etat: 'VIDE';
}

/**
 * The carts. A client is known once the client service confirmed it (remembered in
 * clients_connus) or once it has a line; prices always come from the produits service.
 */
export class Paniers {
  constructor(
    private readonly db: Knex,
    private readonly peers: Peers,
  ) {}

  /** The saga reads every checkout's cart here: one statement when the client is known. */
  async get(clientId: number): Promise<Panier> {
    const { known, lignes } = await findPanierConnu(this.db, clientId);
    if (known) return { client_id: clientId, lignes, total_cents: totalCents(lignes) };
    await this.ensureKnown(clientId);
    return this.read(clientId);
  }

  /**
   * Adds units at today's price. A cart holds at most MAX_LIGNES produits of at most
   * MAX_QUANTITE_LIGNE units each: no checkout could carry more.
   */
  async ajouter(clientId: number, produitId: number, quantite: number): Promise<Panier> {
    await this.ensureKnown(clientId);
    const { prix_cents } = await this.peers.prix(produitId);
    // The cart answered is read in the transaction that changed it: once the change commits
    // the answer cannot fail any more, so a caller never sees an error for a line that was
    // added (and adds it again).
    return this.db.transaction(async (trx) => {
      await lockPanier(trx, clientId);
      const held = await countLignes(trx, clientId, produitId);
      if (held.quantite === 0 && held.lignes >= MAX_LIGNES) {
        throw conflict(`The cart already holds ${MAX_LIGNES} produits`, 'PANIER_PLEIN');
      }
      if (held.quantite + quantite > MAX_QUANTITE_LIGNE) {
        throw conflict(
          `The cart holds ${held.quantite} of produit ${produitId}: at most ${MAX_QUANTITE_LIGNE} in all`,
          'QUANTITE_MAXIMUM_DEPASSEE',
        );
      }
      await addToLigne(trx, clientId, {
        produit_id: produitId,
        quantite,
        prix_unitaire_cents: prix_cents,
      });
      return this.read(clientId, trx);
    });
  }

  async changer(clientId: number, produitId: number, quantite: number): Promise<Panier> {
    return this.db.transaction(async (trx) => {
      if (!(await setQuantite(trx, clientId, produitId, quantite))) {
        throw ligneInconnue(clientId, produitId);
      }
      return this.read(clientId, trx);
    });
  }

  async retirer(clientId: number, produitId: number): Promise<Panier> {
    return this.db.transaction(async (trx) => {
      if (!(await deleteLigne(trx, clientId, produitId))) throw ligneInconnue(clientId, produitId);
      return this.read(clientId, trx);
    });
  }

  /**
   * Takes the lignes of a commande out of the cart, once per commande. Never asks another
   * service: it runs after the sale is recorded and must keep working on its own.
   */
  async vider(
    clientId: number,
    commandeId: string,
    lignes: readonly LigneQuantite[],
  ): Promise<VidageBody> {
    const merged = mergeLignes(lignes);
    const body: VidageBody = { commande_id: commandeId, client_id: clientId, etat: 'VIDE' };
    const { claimed, client } = await viderPanier(this.db, commandeId, clientId, merged);
    if (claimed || client === clientId) return body;
    throw idempotencyMismatch(`Commande ${commandeId} already emptied the cart of another client`);
  }

  private async read(clientId: number, db: Knex = this.db): Promise<Panier> {
    const lignes = await findLignes(db, clientId);
    return { client_id: clientId, lignes, total_cents: totalCents(lignes) };
  }

  private async ensureKnown(clientId: number): Promise<void> {
    if (await isKnownClient(this.db, clientId)) return;
    if (!(await this.peers.clientExists(clientId))) {
      throw notFound(`Client ${clientId} does not exist`, 'CLIENT_INCONNU');
    }
    await rememberClient(this.db, clientId);
  }
}

const ligneInconnue = (clientId: number, produitId: number) =>
  notFound(`The cart of client ${clientId} holds no produit ${produitId}`, 'LIGNE_INCONNUE');
