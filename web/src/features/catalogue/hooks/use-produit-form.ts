import type { NewProduit, Produit, ProduitChanges } from '../../../lib/api-types.js';
import type { FieldErrors } from '../../../lib/use-form.js';
import { changedFields, requiredText } from '../../../lib/use-record-form.js';
import { centsToInput, MAX_PRIX_CENTS, parseEuros } from '../utils/euros.js';

/** What the form holds: the price as typed, in euros. */
export interface ProduitValues {
  nom: string;
  categorie: string;
  prix: string;
  description: string;
}

export const EMPTY_PRODUIT: ProduitValues = { nom: '', categorie: '', prix: '', description: '' };

export const valuesOf = (p: Produit): ProduitValues => ({
  nom: p.nom,
  categorie: p.categorie,
  prix: centsToInput(p.prix_cents),
  description: p.description,
});

function prixError(text: string): string | null {
  if (text.trim() === '') return 'Indiquez le prix.';
  const cents = parseEuros(text);
  if (cents === null) {
    return 'Écrivez un montant en euros, avec au plus deux décimales (par exemple 12,99).';
  }
  return cents > MAX_PRIX_CENTS ? 'Le prix ne peut dépasser 1 000 000,00 €.' : null;
}

/** The same bounds as the produits service (services.yaml, NewProduit), said in French. */
export const checkProduit = (v: ProduitValues): FieldErrors<ProduitValues> => ({
  nom: requiredText(v.nom, 'le nom du produit', 200),
  categorie: requiredText(v.categorie, 'la catégorie', 100),
  prix: prixError(v.prix),
  description: v.description.trim().length > 2000 ? 'Pas plus de 2 000 caractères.' : null,
});

/** The produit the service takes, from valid values. */
export const toProduit = (v: ProduitValues): NewProduit => ({
  nom: v.nom.trim(),
  categorie: v.categorie.trim(),
  prix_cents: parseEuros(v.prix) ?? 0,
  description: v.description.trim(),
});

/** Only what differs from the produit as it is (empty: nothing to send). */
export const changesOf =
  (current: Produit) =>
  (v: ProduitValues): ProduitChanges =>
    changedFields(current, toProduit(v));
