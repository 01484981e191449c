/**
 * Demo data loaded by `npm start`: enough to try every outcome of the checkout by hand.
 *
 * | client | solde    | panier                      | checkout in magasin 1 ends   |
 * |--------|----------|-----------------------------|------------------------------|
 * | 1      | 500.00 € | 2 × café, 1 × tasse         | CONFIRMEE                    |
 * | 2      |   1.00 € | 1 × bouilloire (39.99 €)    | ANNULEE, SOLDE_INSUFFISANT   |
 * | 3      | 200.00 € | 1 × moulin (0 en stock)     | ANNULEE, STOCK_INSUFFISANT   |
 * | 4      | 100.00 € | vide                        | ANNULEE, PANIER_VIDE         |
 * | 999    | —        | —                           | ANNULEE, CLIENT_INCONNU      |
 *
 * Clients 1 to 4 sign in as alice, bruno, chloe and david (DEMO_ACCOUNTS below).
 */
export const DEMO_MAGASINS = [
  { id: 1, nom: 'Magasin Centre', ville: 'Paris', adresse: '12 rue de Rivoli' },
  { id: 2, nom: 'Magasin Rive Gauche', ville: 'Lyon', adresse: '8 quai Claude-Bernard' },
  { id: 3, nom: 'Magasin du Port', ville: 'Marseille', adresse: '21 quai du Port' },
] as const;

export const DEMO_PRODUITS = [
  { id: 1, nom: 'Café moulu 250 g', categorie: 'epicerie', prix_cents: 499 },
  { id: 2, nom: 'Thé vert bio 100 g', categorie: 'epicerie', prix_cents: 349 },
  { id: 3, nom: 'Tasse en céramique', categorie: 'maison', prix_cents: 1299 },
  { id: 4, nom: 'Bouilloire électrique', categorie: 'electromenager', prix_cents: 3999 },
  { id: 5, nom: 'Moulin à café manuel', categorie: 'maison', prix_cents: 2499 },
  { id: 6, nom: 'Chocolat noir 70 % 100 g', categorie: 'epicerie', prix_cents: 299 },
] as const;

/** magasin 1: produit 5 is out of stock (rupture), produit 6 is over the surstock threshold. */
export const DEMO_STOCK = [
  { magasin_id: 1, produit_id: 1, quantite: 100 },
  { magasin_id: 1, produit_id: 2, quantite: 80 },
  { magasin_id: 1, produit_id: 3, quantite: 30 },
  { magasin_id: 1, produit_id: 4, quantite: 12 },
  { magasin_id: 1, produit_id: 5, quantite: 0 },
  { magasin_id: 1, produit_id: 6, quantite: 250 },
  { magasin_id: 2, produit_id: 1, quantite: 40 },
  { magasin_id: 2, produit_id: 2, quantite: 0 },
  { magasin_id: 2, produit_id: 3, quantite: 15 },
  { magasin_id: 2, produit_id: 4, quantite: 5 },
  { magasin_id: 2, produit_id: 5, quantite: 8 },
  { magasin_id: 2, produit_id: 6, quantite: 60 },
  { magasin_id: 3, produit_id: 1, quantite: 20 },
  { magasin_id: 3, produit_id: 3, quantite: 10 },
  { magasin_id: 3, produit_id: 6, quantite: 150 },
] as const;

const euros = (amount: number): number => Math.round(amount * 100);

export const DEMO_CLIENTS = [
  { id: 1, nom: 'Alice Martin', email: 'alice@example.com', solde_cents: euros(500) },
  { id: 2, nom: 'Bruno Petit', email: 'bruno@example.com', solde_cents: euros(1) },
  { id: 3, nom: 'Chloé Durand', email: 'chloe@example.com', solde_cents: euros(200) },
  { id: 4, nom: 'David Leroy', email: 'david@example.com', solde_cents: euros(100) },
] as const;

export const UNKNOWN_CLIENT_ID = 999;

/**
 * Who may sign in (the auth service): one account per demo client and an operator. The
 * passwords are demo ones, printed by `npm start` and listed in the README; only their
 * argon2id hashes are stored.
 */
export const DEMO_ACCOUNTS = [
  { username: 'alice', password: 'alice-demo', role: 'client', client_id: 1 },
  { username: 'bruno', password: 'bruno-demo', role: 'client', client_id: 2 },
  { username: 'chloe', password: 'chloe-demo', role: 'client', client_id: 3 },
  { username: 'david', password: 'david-demo', role: 'client', client_id: 4 },
  { username: 'operateur', password: 'operateur-demo', role: 'operateur', client_id: null },
] as const;

const prix = (produitId: number): number =>
  DEMO_PRODUITS.find((p) => p.id === produitId)?.prix_cents ?? 0;

const ligne = (client_id: number, produit_id: number, quantite: number) => ({
  client_id,
  produit_id,
  quantite,
  prix_unitaire_cents: prix(produit_id),
});

export const DEMO_PANIERS = [ligne(1, 1, 2), ligne(1, 3, 1), ligne(2, 4, 1), ligne(3, 5, 1)];
