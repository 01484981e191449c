import Joi from 'joi';
import { type StepCall, StepError } from '../../saga/index.js';
import type { LigneCommande } from '../checkout/commande.js';
import type { CheckoutParticipants, Panier, Vente } from '../checkout/checkout-saga.js';
import { CONTRACT_REFUSALS, type Refusals } from '../../lib/contract-refusals.js';
import { storableText } from '../../lib/text.js';
import type { ServiceHttp } from './service-http.js';

export interface ParticipantUrls {
  panierUrl: string;
  stockUrl: string;
  clientUrl: string;
  ventesUrl: string;
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

const paiementSchema = etatSchema('EFFECTUE').keys({ montant_cents: cents });
const venteSchema = Joi.object<{ id: number | string; commande_id: string; total_cents: number }>({
  id: Joi.alternatives(Joi.number(), Joi.string()).required(),
  commande_id: Joi.string().required(),
  total_cents: cents,
}).unknown(true);
const anySchema = Joi.any();

/** The contract's key: one per commande and step, the same on every retry. */
const key = (call: StepCall): string => `${call.sagaId}:${call.step}`;

const quantites = (lignes: readonly LigneCommande[]) =>
  lignes.map((l) => ({ produit_id: l.produit_id, quantite: l.quantite }));

/** The four services of the checkout, exactly as the saga contract describes them. */
export class Participants implements CheckoutParticipants {
  constructor(
    private readonly http: ServiceHttp,
    private readonly urls: ParticipantUrls,
  ) {}

  async lirePanier(clientId: number, call: StepCall): Promise<Panier> {
    const url = `${this.urls.panierUrl}/api/panier/${clientId}`;
    const { body: panier } = await this.http.call(
      { method: 'GET', url, signal: call.signal, refusals: CONTRACT_REFUSALS.panier },
      panierSchema,
      [200],
    );
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

  private async post<T>(
    url: string,
    json: unknown,
    call: StepCall,
    schema: Joi.Schema<T>,
    ok: readonly number[] = [200],
    refusals: Refusals = CONTRACT_REFUSALS.none,
  ): Promise<T> {
    const req = {
      method: 'POST' as const,
      url,
      json,
      idempotencyKey: key(call),
      signal: call.signal,
      refusals,
    };
    return (await this.http.call(req, schema, ok)).body;
  }

  async reserverStock(
    magasinId: number,
    lignes: readonly LigneCommande[],
    call: StepCall,
  ): Promise<void> {
    const json = { commande_id: call.sagaId, magasin_id: magasinId, lignes: quantites(lignes) };
    await this.post(
      `${this.urls.stockUrl}/api/stock/reserver`,
      json,
      call,
      etatSchema('RESERVEE'),
      [200, 201],
      CONTRACT_REFUSALS.stock,
    );
  }

  async libererStock(call: StepCall): Promise<void> {
    const json = { commande_id: call.sagaId };
    await this.post(`${this.urls.stockUrl}/api/stock/liberer`, json, call, etatSchema('LIBEREE'));
  }

  async payer(clientId: number, montantCents: number, call: StepCall): Promise<void> {
    const url = `${this.urls.clientUrl}/api/clients/${clientId}/payer`;
    const json = { commande_id: call.sagaId, montant_cents: montantCents };
    const ok = [200, 201];
    const body = (await this.post(
      url,
      json,
      call,
      paiementSchema,
      ok,
      CONTRACT_REFUSALS.paiement,
    )) as {
      montant_cents: number;
    };
    if (body.montant_cents !== montantCents) {
      throw new StepError(
        'invalid',
        'REPONSE_INVALIDE',
        `Paid ${body.montant_cents} instead of ${montantCents}`,
      );
    }
  }

  async rembourser(clientId: number, call: StepCall): Promise<void> {
    const url = `${this.urls.clientUrl}/api/clients/${clientId}/rembourser`;
    await this.post(url, { commande_id: call.sagaId }, call, etatSchema('REMBOURSE'));
  }

  async enregistrerVente(vente: Vente, call: StepCall): Promise<{ venteId: number | string }> {
    const json = { commande_id: call.sagaId, ...vente };
    const body = await this.post(
      `${this.urls.ventesUrl}/api/ventes`,
      json,
      call,
      venteSchema,
      [200, 201],
      CONTRACT_REFUSALS.vente,
    );
    // An id of another service's making: stored in the history, so made storable.
    return { venteId: typeof body.id === 'string' ? storableText(body.id, 100) : body.id };
  }

  async viderPanier(
    clientId: number,
    lignes: readonly LigneCommande[],
    call: StepCall,
  ): Promise<void> {
    const url = `${this.urls.panierUrl}/api/panier/${clientId}/vider`;
    await this.post(url, { commande_id: call.sagaId, lignes }, call, anySchema);
  }
}
