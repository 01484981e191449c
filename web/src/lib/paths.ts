/** Every page's address, in one place: features link to each other's pages only through it. */
export const paths = {
  connexion: '/connexion',
  inscription: '/inscription',
  boutique: '/boutique',
  mesCommandes: '/mes-commandes',
  commande: (id: string): string => `/commandes/${encodeURIComponent(id)}`,
  tableauDeBord: '/tableau-de-bord',
  console: '/console',
  inscriptionsConsole: '/console/inscriptions',
  inscriptionConsole: (id: string): string => `/console/inscriptions/${encodeURIComponent(id)}`,
  clientsConsole: '/console/clients',
  clientConsole: (id: number): string => `/console/clients/${id}`,
  pannes: '/pannes',
  catalogue: '/catalogue',
  produit: (id: number): string => `/catalogue/${id}`,
  magasins: '/magasins',
  magasin: (id: number): string => `/magasins/${id}`,
  stocks: '/stocks',
  stocksMagasin: (magasinId: number): string => `/stocks/${magasinId}`,
  stockLigne: (magasinId: number, produitId: number): string =>
    `/stocks/${magasinId}/produits/${produitId}`,
} as const;
