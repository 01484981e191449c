import Joi from 'joi';
import type { LigneCommande } from '../data/commandes-repo.js';
import { StepError } from '../domain/saga-types.js';
import type { ServiceHttp } from './service-http.js';

export interface ParticipantUrls {
  panierUrl: string;
  stockUrl: string;
  clientUrl: string;
  ventesUrl: string;
}

export interface Panier {
  client_id: number;
  lignes: LigneCommande[];
  total_cents: number;
}

const id = Joi.number().integer().positive().required();
const cents = Joi.number().integer().min(0).required();

const panierSchema = Joi.object<Panier>({
  client_id: id,
  lignes: Joi.array()
    .items(Joi.object({ produit_id: id, quantite: id, prix_unitaire_cents: cents }).unknown(true))
    .required(),
  total_cents: cents,
}).unknown(true);

const etatSchema = (etat: string): Joi.ObjectSchema =>
  Joi.object({
    commande_id: Joi.string().required(),
    etat: Joi.string().valid(etat).required(),
  }).unknown(true);

const venteSchema = Joi.object({
  id: Joi.alternatives(Joi.number(), Joi.string()).required(),
  commande_id: Joi.string().required(),
  total_cents: cents,
}).unknown(true);
const anySchema = Joi.any();

/** What one call needs besides its body: the saga, the step and a way to cancel. */
export interface CallContext {
  commandeId: string;
  step: string;
  signal: AbortSignal;
}

const key = (c: CallContext): string => `${c.commandeId}:${c.step}`;

/** The four services of the checkout, exactly as the saga contract describes them. */
export class Participants {
  constructor(
    private readonly http: ServiceHttp,
    private readonly urls: ParticipantUrls,
  ) {}

  async lirePanier(clientId: number, c: CallContext): Promise<Panier> {
    const url = `${this.urls.panierUrl}/api/panier/${clientId}`;
    let panier: Panier;
    try {
      ({ body: panier } = await this.http.call(
        { method: 'GET', url, signal: c.signal },
        panierSchema,
        [200],
      ));
    } catch (err) {
      if (err instanceof StepError && err.status === 404) {
        throw new StepError('business', 'CLIENT_INCONNU', err.message, { status: 404 });
      }
      throw err;
    }
    if (panier.client_id !== clientId) {
      throw new StepError(
        'invalid',
        'REPONSE_INVALIDE',
        `${url} returned client ${panier.client_id}`,
      );
    }
    if (panier.lignes.length === 0) {
      throw new StepError('business', 'PANIER_VIDE', `The cart of client ${clientId} is empty`);
    }
    return panier;
  }

  async reserverStock(
    commandeId: string,
    magasinId: number,
    lignes: readonly LigneCommande[],
    c: CallContext,
  ): Promise<void> {
    await this.http.call(
      {
        method: 'POST',
        url: `${this.urls.stockUrl}/api/stock/reserver`,
        json: {
          commande_id: commandeId,
          magasin_id: magasinId,
          lignes: lignes.map((l) => ({ produit_id: l.produit_id, quantite: l.quantite })),
        },
        idempotencyKey: key(c),
        signal: c.signal,
      },
      etatSchema('RESERVEE'),
      [200, 201],
    );
  }

  async libererStock(commandeId: string, c: CallContext): Promise<void> {
    await this.http.call(
      {
        method: 'POST',
        url: `${this.urls.stockUrl}/api/stock/liberer`,
        json: { commande_id: commandeId },
        idempotencyKey: key(c),
        signal: c.signal,
      },
      etatSchema('LIBEREE'),
      [200],
    );
  }

  async payer(
    commandeId: string,
    clientId: number,
    montantCents: number,
    c: CallContext,
  ): Promise<void> {
    const { body } = await this.http.call(
      {
        method: 'POST',
        url: `${this.urls.clientUrl}/api/clients/${clientId}/payer`,
        json: { commande_id: commandeId, montant_cents: montantCents },
        idempotencyKey: key(c),
        signal: c.signal,
      },
      etatSchema('EFFECTUE').keys({ montant_cents: cents }),
      [200, 201],
    );
    if ((body as { montant_cents: number }).montant_cents !== montantCents) {
      throw new StepError(
        'invalid',
        'REPONSE_INVALIDE',
        `Paid ${String((body as { montant_cents: number }).montant_cents)} instead of ${montantCents}`,
      );
    }
  }

  async rembourser(commandeId: string, clientId: number, c: CallContext): Promise<void> {
    await this.http.call(
      {
        method: 'POST',
        url: `${this.urls.clientUrl}/api/clients/${clientId}/rembourser`,
        json: { commande_id: commandeId },
        idempotencyKey: key(c),
        signal: c.signal,
      },
      etatSchema('REMBOURSE'),
      [200],
    );
  }

  async enregistrerVente(
    vente: {
      commande_id: string;
      client_id: number;
      magasin_id: number;
      lignes: readonly LigneCommande[];
      total_cents: number;
    },
    c: CallContext,
  ): Promise<{ venteId: number | string }> {
    const { body } = await this.http.call(
      {
        method: 'POST',
        url: `${this.urls.ventesUrl}/api/ventes`,
        json: vente,
        idempotencyKey: key(c),
        signal: c.signal,
      },
      venteSchema,
      [200, 201],
    );
    return { venteId: (body as { id: number | string }).id };
  }

  async viderPanier(
    clientId: number,
    commandeId: string,
    lignes: readonly LigneCommande[],
    c: CallContext,
  ): Promise<void> {
    await this.http.call(
      {
        method: 'POST',
        url: `${this.urls.panierUrl}/api/panier/${clientId}/vider`,
        json: { commande_id: commandeId, lignes },
        idempotencyKey: key(c),
        signal: c.signal,
      },
      anySchema,
      [200],
    );
  }
}
