/**
 * The shapes of the API the front uses, named once, from the OpenAPI documents
 * (docs/openapi/orchestrateur.yaml and services.yaml). `npm run api-types -w web`
 * regenerates src/lib/api/generated/ from them; never edit those files by hand.
 */
import type { components as Orchestrateur } from './api/generated/orchestrateur.js';
import type { components as Services } from './api/generated/services.js';
import type { EtatInscription } from './inscription-table.js';
import type { EtatCommande } from './saga-table.js';

type O = Orchestrateur['schemas'];
type S = Services['schemas'];

/** Fails to compile when the documented état list and the orchestrator's table differ. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type EtatsAgree = Assert<Same<O['EtatCommande'], EtatCommande>>;
export type InscriptionEtatsAgree = Assert<Same<O['EtatInscription'], EtatInscription>>;

export type ApiErrorBody = S['Error'];
export type TokenResponse = S['TokenResponse'];
export type Produit = S['Produit'];
export type Magasin = S['Magasin'];
export type StockLine = S['StockLine'];
export type StockMagasin = S['StockMagasin'];
export type Ruptures = S['Ruptures'];
export type Surstock = S['Surstock'];
export type Client = S['Client'];
export type LignePanier = S['Ligne'];
export type Panier = S['Panier'];
export type RapportVentes = S['RapportVentes'];
export type PannesParticipant = S['Pannes'];
export type PanneMode = S['PanneRequest']['mode'];

export type CommandeSummary = O['CommandeResume'];
/** A list entry (`GET /api/commandes`): the summary and the last operator action. */
export type CommandeListee = O['CommandeListee'];
export type Commande = O['Commande'];
/** Who resumed or cancelled a commande waiting for them, when, why, from which état. */
export type ActionOperateur = O['ActionOperateur'];
export type ActionKind = ActionOperateur['action'];
export type HistoriqueEntry = O['HistoriqueEntry'];
export type Echec = NonNullable<CommandeSummary['echec']>;

/** A sign-up (the second saga): its summary in lists, and with its history. */
export type InscriptionResume = O['InscriptionResume'];
export type Inscription = O['Inscription'];
export type InscriptionRequest = O['InscriptionRequest'];
export type HistoriqueInscription = O['HistoriqueInscription'];

/** The employees' pages: catalogue, magasins and stock changes, with their histories. */
export type NewProduit = S['NewProduit'];
export type ProduitChanges = S['ProduitChanges'];
export type NewMagasin = S['NewMagasin'];
export type MagasinChanges = S['MagasinChanges'];
/** A produit's or a magasin's changes: who, when, the fields before and after. */
export type HistoriqueRecord = S['HistoriqueRecord'];
export type EntreeHistorique = S['HistoriqueEntry'];
/** A stock line's sets and adjustments, with the level before and after. */
export type StockHistorique = S['StockHistorique'];
export type StockChange = S['StockChange'];
