/** Every page's address, in one place: features link to each other's pages only through it. */
export const paths = {
  connexion: '/connexion',
  inscription: '/inscription',
  boutique: '/boutique',
  mesCommandes: '/mes-commandes',
  commande: (id: string): string => `/commandes/${encodeURIComponent(id)}`,
  tableauDeBord: '/tableau-de-bord',
  console: '/console',
  pannes: '/pannes',
} as const;
