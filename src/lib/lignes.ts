/**
 * Lines of a commande as every participant and the orchestrator see them: one module, so the
 * cart, the reservation, the sale and the saga merge and add up lines the same way.
 */

/** So many units of one produit. */
export interface LigneQuantite {
  produit_id: number;
  quantite: number;
}

/** So many units at a unit price. */
export interface LignePrix {
  quantite: number;
  prix_unitaire_cents: number;
}

/** Most lines one commande may carry (cart, reservation, sale): the saga contract's limit. */
export const MAX_LIGNES = 200;

/**
 * One line per produit, quantities added up, sorted by produit_id: the order in which every
 * transaction locks rows, so that two of them never wait for each other in a cycle. Fields
 * other than `quantite` are those of the produit's first line.
 */
export function mergeLignes<T extends LigneQuantite>(lignes: readonly T[]): T[] {
  const byProduit = new Map<number, T>();
  for (const l of lignes) {
    const seen = byProduit.get(l.produit_id);
    byProduit.set(l.produit_id, seen ? { ...seen, quantite: seen.quantite + l.quantite } : l);
  }
  return [...byProduit.values()].sort((a, b) => a.produit_id - b.produit_id);
}

/** What the lines cost: the sum of quantite × prix_unitaire_cents. */
export function totalCents(lignes: readonly LignePrix[]): number {
  return lignes.reduce((sum, l) => sum + l.quantite * l.prix_unitaire_cents, 0);
}

/** True when both lists hold the same lines, field by field (`produit_id` and `quantite` unless told). */
export function sameLignes<T extends LigneQuantite>(
  a: readonly T[],
  b: readonly T[],
  fields: readonly (keyof T)[] = ['produit_id', 'quantite'],
): boolean {
  return a.length === b.length && a.every((l, i) => fields.every((f) => l[f] === b[i]?.[f]));
}
