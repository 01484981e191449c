/** Every state a commande can be in, stored as these ASCII names. */
export const ETATS_COMMANDE = [
  'INITIEE',
  'PANIER_RECUPERE',
  'STOCK_RESERVE',
  'PAIEMENT_EFFECTUE',
  'COMMANDE_ENREGISTREE',
  'CONFIRMEE',
  'ECHEC_PANIER',
  'ECHEC_STOCK',
  'ECHEC_PAIEMENT',
  'ECHEC_ENREGISTREMENT',
  'COMPENSATION_ECHOUEE',
  'ANNULEE',
] as const;

export type EtatCommande = (typeof ETATS_COMMANDE)[number];

export const isEtatCommande = (value: string): value is EtatCommande =>
  (ETATS_COMMANDE as readonly string[]).includes(value);
