import type { Knex } from 'knex';
import { AppError, notFound } from '../../lib/errors.js';
import {
  addToLigne,
  claimVidage,
  deleteLigne,
  findLignes,
  findVidageClient,
  isKnownClient,
  type LigneARetirer,
  type LignePanier,
  rememberClient,
  removeQuantites,
  setQuantite,
} from './panier-repo.js';
import type { CatalogueClient, ClientsClient } from './services-http.js';

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

const normalise = (lignes: readonly LigneARetirer[]): LigneARetirer[] => {
  const byProduit = new Map<number, number>();
  for (const l of lignes)
    byProduit.set(l.produit_id, (byProduit.get(l.produit_id) ?? 0) + l.quantite);
  return [...byProduit.entries()]
    .sort(([a], [b]) => a - b)
    .map(([produit_id, quantite]) => ({ produit_id, quantite }));
};

/**
 * The carts. A client is known once the client service confirmed it (remembered in
 * clients_connus) or once it has a line; prices always come from the produits service.
 */
export class Paniers {
  constructor(
    private readonly db: Knex,
    private readonly catalogue: CatalogueClient,
    private readonly clients: ClientsClient,
  ) {}

  async get(clientId: number): Promise<Panier> {
    await this.ensureKnown(clientId);
    return this.read(clientId);
  }

  async ajouter(clientId: number, produitId: number, quantite: number): Promise<Panier> {
    await this.ensureKnown(clientId);
    const { prix_cents } = await this.catalogue.prix(produitId);
    await addToLigne(this.db, clientId, {
      produit_id: produitId,
      quantite,
      prix_unitaire_cents: prix_cents,
    });
    return this.read(clientId);
  }

  async changer(clientId: number, produitId: number, quantite: number): Promise<Panier> {
    if (!(await setQuantite(this.db, clientId, produitId, quantite))) {
      throw ligneInconnue(clientId, produitId);
    }
    return this.read(clientId);
  }

  async retirer(clientId: number, produitId: number): Promise<Panier> {
    if (!(await deleteLigne(this.db, clientId, produitId)))
      throw ligneInconnue(clientId, produitId);
    return this.read(clientId);
  }

  /**
   * Takes the lignes of a commande out of the cart, once per commande. Never asks another
   * service: it runs after the sale is recorded and must keep working on its own.
   */
  vider(
    clientId: number,
    commandeId: string,
    lignes: readonly LigneARetirer[],
  ): Promise<VidageBody> {
    const merged = normalise(lignes);
    const body: VidageBody = { commande_id: commandeId, client_id: clientId, etat: 'VIDE' };
    return this.db.transaction(async (trx) => {
      if (await claimVidage(trx, commandeId, clientId, merged)) {
        await removeQuantites(trx, clientId, merged);
        return body;
      }
      const first = await findVidageClient(trx, commandeId);
      if (first !== clientId) {
        throw new AppError(
          'IDEMPOTENCY_MISMATCH',
          `Commande ${commandeId} already emptied the cart of another client`,
          422,
        );
      }
      return body;
    });
  }

  private async read(clientId: number): Promise<Panier> {
    const lignes = await findLignes(this.db, clientId);
    const total_cents = lignes.reduce((sum, l) => sum + l.quantite * l.prix_unitaire_cents, 0);
    return { client_id: clientId, lignes, total_cents };
  }

  private async ensureKnown(clientId: number): Promise<void> {
    if (await isKnownClient(this.db, clientId)) return;
    if (!(await this.clients.exists(clientId))) {
      throw notFound(`Client ${clientId} does not exist`, 'CLIENT_INCONNU');
    }
    await rememberClient(this.db, clientId);
  }
}

const ligneInconnue = (clientId: number, produitId: number): AppError =>
  notFound(`The cart of client ${clientId} holds no produit ${produitId}`, 'LIGNE_INCONNUE');
