import type { Knex } from 'knex';
import { AppError, notFound } from '../../lib/errors.js';
import {
  findLignes,
  findVente,
  findVenteByCommande,
  insertLignes,
  insertVente,
  type LigneVente,
  listVentes,
  type NewVente,
  type VenteRow,
} from './ventes-repo.js';

export interface Vente extends VenteRow {
  lignes: LigneVente[];
}

export interface EnregistrerCommand extends NewVente {
  lignes: readonly LigneVente[];
}

export interface Outcome<T> {
  /** 201 the first time, 200 when the same command is repeated. */
  status: 200 | 201;
  body: T;
}

const venteInconnue = (what: string): AppError => notFound(`No vente ${what}`, 'VENTE_INCONNUE');

const sortLignes = (lignes: readonly LigneVente[]): LigneVente[] =>
  [...lignes]
    .sort((a, b) => a.produit_id - b.produit_id)
    .map((l) => ({
      produit_id: l.produit_id,
      quantite: l.quantite,
      prix_unitaire_cents: l.prix_unitaire_cents,
    }));

/** The sales ledger: the pivot of the checkout; it records, it never touches stock. */
export class Registre {
  constructor(private readonly db: Knex) {}

  enregistrer(cmd: EnregistrerCommand): Promise<Outcome<Vente>> {
    const computed = cmd.lignes.reduce((sum, l) => sum + l.quantite * l.prix_unitaire_cents, 0);
    if (computed !== cmd.total_cents) {
      throw new AppError(
        'TOTAL_INCOHERENT',
        `total_cents is ${cmd.total_cents} but the lignes add up to ${computed}`,
        422,
      );
    }
    const lignes = sortLignes(cmd.lignes);
    return this.db.transaction(async (trx) => {
      const created = await insertVente(trx, cmd);
      if (created) {
        await insertLignes(trx, created.id, lignes);
        return { status: 201, body: { ...created, lignes } };
      }
      const first = await findVenteByCommande(trx, cmd.commande_id);
      if (!first) throw new Error(`Vente for ${cmd.commande_id} vanished`);
      const stored = await this.withLignes(trx, first);
      if (
        first.client_id !== cmd.client_id ||
        first.magasin_id !== cmd.magasin_id ||
        JSON.stringify(stored.lignes) !== JSON.stringify(lignes)
      ) {
        throw new AppError(
          'IDEMPOTENCY_MISMATCH',
          `Commande ${cmd.commande_id} was already recorded with other content`,
          422,
        );
      }
      return { status: 200, body: stored };
    });
  }

  async get(id: number): Promise<Vente> {
    const vente = await findVente(this.db, id);
    if (!vente) throw venteInconnue(String(id));
    return this.withLignes(this.db, vente);
  }

  async getByCommande(commandeId: string): Promise<Vente> {
    const vente = await findVenteByCommande(this.db, commandeId);
    if (!vente) throw venteInconnue(`for commande ${commandeId}`);
    return this.withLignes(this.db, vente);
  }

  async list(filter: {
    magasinId: number | undefined;
    clientId: number | undefined;
    limit: number;
    offset: number;
  }): Promise<Vente[]> {
    const ventes = await listVentes(this.db, filter);
    const lignes = await findLignes(
      this.db,
      ventes.map((v) => v.id),
    );
    return ventes.map((v) => ({
      ...v,
      lignes: lignes.filter((l) => l.vente_id === v.id).map(({ vente_id: _v, ...l }) => l),
    }));
  }

  private async withLignes(db: Knex | Knex.Transaction, vente: VenteRow): Promise<Vente> {
    const lignes = await findLignes(db, [vente.id]);
    return { ...vente, lignes: lignes.map(({ vente_id: _v, ...l }) => l) };
  }
}
