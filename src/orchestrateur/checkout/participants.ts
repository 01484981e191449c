import type { StepCall } from '../../saga/index.js';
import type { LigneCommande } from './commande.js';

/** The cart as the panier service answers it. */
export interface Panier {
  client_id: number;
  lignes: LigneCommande[];
  total_cents: number;
}

export interface Vente {
  client_id: number;
  magasin_id: number;
  lignes: readonly LigneCommande[];
  total_cents: number;
}

/**
 * The calls the checkout makes, as the saga contract names them. Each is keyed by the
 * step call (commande id + step name: the idempotency key) and throws a StepError that
 * says whether the service refused, failed, or answered something unreadable.
 */
export interface CheckoutParticipants {
  lirePanier(clientId: number, call: StepCall): Promise<Panier>;
  reserverStock(magasinId: number, lignes: readonly LigneCommande[], call: StepCall): Promise<void>;
  libererStock(call: StepCall): Promise<void>;
  payer(clientId: number, montantCents: number, call: StepCall): Promise<void>;
  rembourser(clientId: number, call: StepCall): Promise<void>;
  enregistrerVente(vente: Vente, call: StepCall): Promise<{ venteId: number | string }>;
  viderPanier(clientId: number, lignes: readonly LigneCommande[], call: StepCall): Promise<void>;
}
