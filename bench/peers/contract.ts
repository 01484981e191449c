/**
 * The five calls of the checkout and its two compensations, exactly as the saga contract
 * words them and as the orchestrator sends them (same paths, bodies and
 * `Idempotency-Key: <commande_id>:<step>` headers), with the orchestrator's HTTP client
 * settings (`got`, keep-alive pool, one timeout per attempt, no retry of its own) and its
 * joi checks of the answers. The floor and both peers call the participants through this
 * one module, so what differs between them is only what runs around the calls.
 */
import http from 'node:http';
import got, { type Got } from 'got';
import Joi from 'joi';
import { mergeLignes, totalCents } from '../../src/lib/lignes.js';

export interface Ligne {
  produit_id: number;
  quantite: number;
  prix_unitaire_cents: number;
}

export interface Panier {
  lignes: Ligne[];
  total_cents: number;
}

export interface ParticipantUrls {
  panier: string;
  stock: string;
  client: string;
  ventes: string;
}

/** The participant said no (a 4xx): retrying would get the same answer. */
export class Refusal extends Error {
  override name = 'Refusal';
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** 5xx, 408/425/429, timeout or dropped connection: the effect is unknown, retry. */
export class Transient extends Error {
  override name = 'Transient';
}

/** A 2xx that does not say what the contract says it must: not retried, effect unknown. */
export class Unreadable extends Error {
  override name = 'Unreadable';
}

/** By name, not instanceof: an engine may hand back an error it rebuilt from its journal. */
export const isTransient = (err: unknown): boolean => (err as Error | null)?.name === 'Transient';
export const isRefusal = (err: unknown): err is Refusal =>
  (err as Error | null)?.name === 'Refusal';

// The orchestrator's checks of the answers (src/orchestrateur/clients), so every system
// spends the same on them.
const id = Joi.number().integer().positive().required();
const cents = Joi.number().integer().min(0).required();
const str = Joi.string().required();
const open = (keys: Joi.PartialSchemaMap): Joi.ObjectSchema => Joi.object(keys).unknown(true);
const ligneSchema = open({ produit_id: id, quantite: id, prix_unitaire_cents: cents });
const panierSchema = open({
  client_id: id,
  lignes: Joi.array().items(ligneSchema).required(),
  total_cents: cents,
});
const etat = (value: string): Joi.ObjectSchema =>
  open({ commande_id: str, etat: Joi.string().valid(value).required() });
const paiementSchema = etat('EFFECTUE').keys({ montant_cents: cents });
const venteSchema = open({
  id: Joi.alternatives(Joi.number(), Joi.string()).required(),
  commande_id: str,
  total_cents: cents,
});

const TRANSIENT_STATUS = new Set([408, 425, 429]);

/** The body as JSON; anything else (empty, HTML from a proxy) as undefined. */
const parse = (text: string): unknown => {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

function refusal(status: number, body: unknown, url: string): Refusal {
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  return new Refusal(
    typeof code === 'string' ? code : `HTTP_${status}`,
    status,
    `${url}: ${status}`,
  );
}

export class ContractCalls {
  private readonly got: Got;

  constructor(
    private readonly urls: ParticipantUrls,
    opts: { timeoutMs: number; maxSockets: number },
  ) {
    const agent = new http.Agent({
      keepAlive: true,
      maxSockets: opts.maxSockets,
      maxFreeSockets: 32,
    });
    this.got = got.extend({
      agent: { http: agent },
      timeout: { request: opts.timeoutMs },
      retry: { limit: 0 },
      throwHttpErrors: false,
      responseType: 'text',
      followRedirect: false,
    });
  }

  /** One attempt: the validated answer, or Refusal / Transient / Unreadable. */
  private async call<T>(
    url: string,
    ok: readonly number[],
    schema: Joi.Schema<T>,
    post?: { json: object; key: string },
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (post) headers['idempotency-key'] = post.key;
    let status: number;
    let text: string;
    try {
      const res = await this.got(url, {
        method: post ? 'POST' : 'GET',
        headers,
        ...(post ? { json: post.json } : {}),
      });
      status = res.statusCode;
      text = res.body;
    } catch (err) {
      throw new Transient(`${url}: ${(err as { code?: string }).code ?? 'network error'}`);
    }
    const body = parse(text);
    if (status >= 500 || TRANSIENT_STATUS.has(status)) throw new Transient(`${url}: ${status}`);
    if (status >= 400) throw refusal(status, body, url);
    const { value, error } = schema.validate(body, { stripUnknown: true, convert: false });
    if (!ok.includes(status) || error)
      throw new Unreadable(`${url}: ${status} ${error?.message ?? ''}`);
    return value;
  }

  /**
   * The cart, snapshotted as the orchestrator does: only the fields the later steps use,
   * total checked against its lines, one line per produit (priced one way).
   */
  async lirePanier(clientId: number): Promise<Panier> {
    const url = `${this.urls.panier}/api/panier/${clientId}`;
    const p = await this.call<Panier & { client_id: number }>(url, [200], panierSchema);
    if (p.client_id !== clientId) throw new Unreadable(`${url} returned client ${p.client_id}`);
    if (p.lignes.length === 0) {
      throw new Refusal('PANIER_VIDE', 409, `cart of ${clientId} is empty`);
    }
    const lignes = p.lignes.map(({ produit_id, quantite, prix_unitaire_cents }) => ({
      produit_id,
      quantite,
      prix_unitaire_cents,
    }));
    if (totalCents(lignes) !== p.total_cents) throw new Unreadable('cart total is not its lines');
    const merged = mergeLignes(lignes);
    const price = new Map(merged.map((l) => [l.produit_id, l.prix_unitaire_cents]));
    if (lignes.some((l) => price.get(l.produit_id) !== l.prix_unitaire_cents)) {
      throw new Unreadable('the cart prices one produit in two ways');
    }
    return { lignes: merged, total_cents: p.total_cents };
  }

  async reserver(commandeId: string, magasinId: number, lignes: readonly Ligne[]): Promise<void> {
    const json = {
      commande_id: commandeId,
      magasin_id: magasinId,
      lignes: lignes.map((l) => ({ produit_id: l.produit_id, quantite: l.quantite })),
    };
    const post = { json, key: `${commandeId}:stock` };
    await this.call(`${this.urls.stock}/api/stock/reserver`, [200, 201], etat('RESERVEE'), post);
  }

  async liberer(commandeId: string): Promise<void> {
    const post = { json: { commande_id: commandeId }, key: `${commandeId}:liberer_stock` };
    await this.call(`${this.urls.stock}/api/stock/liberer`, [200], etat('LIBEREE'), post);
  }

  async payer(commandeId: string, clientId: number, montantCents: number): Promise<void> {
    const url = `${this.urls.client}/api/clients/${clientId}/payer`;
    const post = {
      json: { commande_id: commandeId, montant_cents: montantCents },
      key: `${commandeId}:paiement`,
    };
    const paid = await this.call<{ montant_cents: number }>(url, [200, 201], paiementSchema, post);
    if (paid.montant_cents !== montantCents) throw new Unreadable(`paid ${paid.montant_cents}`);
  }

  async rembourser(commandeId: string, clientId: number): Promise<void> {
    const url = `${this.urls.client}/api/clients/${clientId}/rembourser`;
    const post = { json: { commande_id: commandeId }, key: `${commandeId}:rembourser` };
    await this.call(url, [200], etat('REMBOURSE'), post);
  }

  async enregistrerVente(
    commandeId: string,
    clientId: number,
    magasinId: number,
    panier: Panier,
  ): Promise<void> {
    const json = { commande_id: commandeId, client_id: clientId, magasin_id: magasinId, ...panier };
    const post = { json, key: `${commandeId}:vente` };
    await this.call(`${this.urls.ventes}/api/ventes`, [200, 201], venteSchema, post);
  }

  async vider(commandeId: string, clientId: number, lignes: readonly Ligne[]): Promise<void> {
    const url = `${this.urls.panier}/api/panier/${clientId}/vider`;
    const post = { json: { commande_id: commandeId, lignes }, key: `${commandeId}:vider_panier` };
    await this.call(url, [200], Joi.any(), post);
  }
}
