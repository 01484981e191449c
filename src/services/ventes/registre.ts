import type { Knex } from 'knex';
import type { Db } from '../../lib/db.js';
import { found, idempotencyMismatch, notFound, unprocessable } from '../../lib/errors.js';
import type { Outcome } from '../../lib/idempotency.js';
import { mergeLignes, sameLignes, totalCents } from '../../lib/lignes.js';
import { type RapportFiltre, type RapportTotaux, rapportTotaux } from './rapport-repo.js';
import {
  findLignes,
  findVente,
  findVenteByCommande,
  insertVenteAvecLignes,
  type LigneVente,
  listVentes,
  type NewVente,
  type VenteFilter,
  type VenteRow,
} from './ventes-repo.js';

export interface Vente extends VenteRow {
  lignes: LigneVente[];
}

export interface EnregistrerCommand extends NewVente {
  lignes: readonly LigneVente[];
}

/** The dashboard's sales report: the filters it applied, then the totals. */
export interface Rapport extends RapportTotaux {
  filtre: RapportFiltre;
}

const venteInconnue = (what: string) => notFound(`No vente ${what}`, 'VENTE_INCONNUE');

/** The sales ledger: the pivot of the checkout; it records, it never touches stock. */
export class Registre {
  constructor(private readonly db: Knex) {}

  async enregistrer(cmd: EnregistrerCommand): Promise<Outcome<Vente>> {
    const computed = totalCents(cmd.lignes);
    if (computed !== cmd.total_cents) {
      throw unprocessable(
        `total_cents is ${cmd.total_cents} but the lignes add up to ${computed}`,
        'TOTAL_INCOHERENT',
      );
    }
    const lignes = mergeLignes(cmd.lignes);
    // The first time, one statement writes the vente and its lignes (the pivot of every
    // checkout: one round trip instead of a transaction of four).
    const created = await insertVenteAvecLignes(this.db, cmd, lignes);
    if (created) return { status: 201, body: { ...created, lignes } };
    return { status: 200, body: await this.repeat(cmd, lignes) };
  }

  /** A vente is never changed once written: its repeat reads it outside any transaction. */
  private async repeat(cmd: EnregistrerCommand, lignes: readonly LigneVente[]): Promise<Vente> {
    const first = await findVenteByCommande(this.db, cmd.commande_id);
    if (!first) throw new Error(`Vente for ${cmd.commande_id} vanished`);
    const stored = await withLignes(this.db, first);
    if (
      first.client_id !== cmd.client_id ||
      first.magasin_id !== cmd.magasin_id ||
      !sameLignes(stored.lignes, lignes, ['produit_id', 'quantite', 'prix_unitaire_cents'])
    ) {
      throw idempotencyMismatch(
        `Commande ${cmd.commande_id} was already recorded with other content`,
      );
    }
    return stored;
  }

  async get(id: number): Promise<Vente> {
    const vente = found(await findVente(this.db, id), () => venteInconnue(String(id)));
    return withLignes(this.db, vente);
  }

  async getByCommande(commandeId: string): Promise<Vente> {
    const vente = found(await findVenteByCommande(this.db, commandeId), () =>
      venteInconnue(`for commande ${commandeId}`),
    );
    return withLignes(this.db, vente);
  }

  async rapport(filtre: RapportFiltre, top: number): Promise<Rapport> {
    return { filtre, ...(await rapportTotaux(this.db, filtre, top)) };
  }

  async list(filter: VenteFilter): Promise<Vente[]> {
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
}

async function withLignes(db: Db, vente: VenteRow): Promise<Vente> {
  const lignes = await findLignes(db, [vente.id]);
  return { ...vente, lignes: lignes.map(({ vente_id: _v, ...l }) => l) };
}
