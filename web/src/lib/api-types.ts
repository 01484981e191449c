/**
 * The shapes of the API the front uses, named once.
 *
 * TODO(api-types): written by hand from src/services/*\/routes.ts, the orchestrator's
 * routes and the plan while docs/openapi/orchestrateur.yaml does not exist yet and
 * services.yaml lacks `required` lists and the rapport/pannes routes. Once they are in
 * place, `npm run api-types -w web` writes src/lib/api/generated/ and these aliases
 * should point at `components['schemas'][...]` there instead.
 */
import type { EtatCommande } from './saga-table.js';

export interface ApiErrorBody {
  error: { code: string; message: string };
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

export interface Produit {
  id: number;
  nom: string;
  categorie: string;
  prix_cents: number;
  created_at: string;
  updated_at: string;
}

export interface Magasin {
  id: number;
  nom: string;
  ville: string;
  created_at: string;
}

export interface StockLine {
  magasin_id: number;
  produit_id: number;
  quantite: number;
  updated_at: string;
}

export interface StockMagasin {
  magasin_id: number;
  stock: StockLine[];
}

export interface Ruptures {
  magasin_id: number;
  ruptures: StockLine[];
}

export interface Surstock {
  magasin_id: number;
  seuil: number;
  surstock: StockLine[];
}

export interface Client {
  id: number;
  nom: string;
  email: string;
  solde_cents: number;
  created_at: string;
  updated_at: string;
}

export interface LignePanier {
  produit_id: number;
  quantite: number;
  prix_unitaire_cents: number;
}

export interface Panier {
  client_id: number;
  lignes: LignePanier[];
  total_cents: number;
}

export interface Echec {
  etape: string;
  code: string;
  message: string;
}

export interface HistoriqueEntry {
  etat: EtatCommande;
  at: string;
  detail: Record<string, unknown>;
}

export interface CommandeSummary {
  id: string;
  client_id: number;
  magasin_id: number;
  etat: EtatCommande;
  total_cents: number | null;
  echec: Echec | null;
  created_at: string;
  updated_at: string;
}

export interface Commande extends CommandeSummary {
  historique: HistoriqueEntry[];
}

export interface RapportVentes {
  filtre: { magasin_id: number | null; du: string | null; au: string | null };
  total_cents: number;
  nombre_ventes: number;
  articles_vendus: number;
  meilleurs_produits: { produit_id: number; quantite: number; total_cents: number }[];
  par_magasin: { magasin_id: number; nombre_ventes: number; total_cents: number }[];
  par_jour: { jour: string; nombre_ventes: number; total_cents: number }[];
}

export type PanneMode = 'indisponible' | 'lenteur' | 'refus';

export interface PannesParticipant {
  participant: string;
  operations: string[];
  actives: { operation: string; mode: PanneMode; restant: number }[];
}
