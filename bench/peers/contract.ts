/**
 * The five calls of the checkout and its two compensations, made by the orchestrator's own
 * participant clients (src/orchestrateur/clients: the same paths, bodies, headers,
 * `Idempotency-Key: <commande_id>:<step>`, `got` settings and joi checks of the answers).
 * The floor and both peers call the participants through this one module, so what differs
 * between them is only what runs around the calls.
 */
import type { ParticipantPort } from '../../src/lib/participant-calls.js';
import { readPanier, snapshotOf } from '../../src/orchestrateur/checkout/checkout-saga.js';
import {
  participantClient,
  type ParticipantUrls,
} from '../../src/orchestrateur/clients/participants.js';
import { ServiceHttp } from '../../src/orchestrateur/clients/service-http.js';
import { type StepCall, StepError } from '../../src/saga/index.js';

export interface Ligne {
  produit_id: number;
  quantite: number;
  prix_unitaire_cents: number;
}

export interface Panier {
  lignes: Ligne[];
  total_cents: number;
}

export type { ParticipantUrls };

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

/** The orchestrator's classification of an answer, in the peers' three kinds. */
function translate(err: unknown): Error {
  if (!(err instanceof StepError)) return err as Error;
  if (err.kind === 'business') return new Refusal(err.code, err.status ?? 409, err.message);
  return err.kind === 'transient' ? new Transient(err.message) : new Unreadable(err.message);
}

export class ContractCalls {
  private readonly p: ParticipantPort;
  private readonly signal = new AbortController().signal;

  constructor(urls: ParticipantUrls, opts: { timeoutMs: number; maxSockets: number }) {
    this.p = participantClient(new ServiceHttp(opts), urls);
  }

  /** One attempt: the validated answer, or Refusal / Transient / Unreadable. */
  private async attempt<T>(sagaId: string, step: string, call: (c: StepCall) => Promise<T>) {
    try {
      return await call({ sagaId, step, attempt: 1, signal: this.signal });
    } catch (err) {
      throw translate(err);
    }
  }

  /** The cart, snapshotted as the orchestrator does (one line per produit, total checked). */
  async lirePanier(clientId: number): Promise<Panier> {
    const panier = await this.attempt('', 'panier', (c) => readPanier(this.p, clientId, c));
    const lignes = await this.attempt('', 'panier', () => Promise.resolve(snapshotOf(panier)));
    return { lignes, total_cents: panier.total_cents };
  }

  async reserverStock(commandeId: string, magasinId: number, lignes: readonly Ligne[]) {
    const quantites = lignes.map(({ produit_id, quantite }) => ({ produit_id, quantite }));
    const input = { magasin_id: magasinId, lignes: quantites };
    await this.attempt(commandeId, 'stock', (c) => this.p.reserverStock(input, c));
  }

  async libererStock(commandeId: string): Promise<void> {
    await this.attempt(commandeId, 'liberer_stock', (c) => this.p.libererStock({}, c));
  }

  async payer(commandeId: string, clientId: number, montantCents: number): Promise<void> {
    const input = { client_id: clientId, montant_cents: montantCents };
    await this.attempt(commandeId, 'paiement', (c) => this.p.payer(input, c));
  }

  async rembourser(commandeId: string, clientId: number): Promise<void> {
    await this.attempt(commandeId, 'rembourser', (c) =>
      this.p.rembourser({ client_id: clientId }, c),
    );
  }

  async enregistrerVente(
    commandeId: string,
    clientId: number,
    magasinId: number,
    panier: Panier,
  ): Promise<void> {
    const vente = { client_id: clientId, magasin_id: magasinId, ...panier };
    await this.attempt(commandeId, 'vente', (c) => this.p.enregistrerVente(vente, c));
  }

  async viderPanier(commandeId: string, clientId: number, lignes: readonly Ligne[]) {
    const input = { client_id: clientId, lignes };
    await this.attempt(commandeId, 'vider_panier', (c) => this.p.viderPanier(input, c));
  }
}
