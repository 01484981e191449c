import type { Magasin, MagasinChanges, NewMagasin } from '../../../lib/api-types.js';
import type { FieldErrors } from '../../../lib/use-form.js';
import { changedFields, requiredText } from '../../../lib/use-record-form.js';

export type MagasinValues = NewMagasin;

export const EMPTY_MAGASIN: MagasinValues = { nom: '', ville: '', adresse: '' };

export const valuesOf = (m: Magasin): MagasinValues => ({
  nom: m.nom,
  ville: m.ville,
  adresse: m.adresse ?? '',
});

/** Each field: its label, what to ask for when empty, its bound and its autocomplete. */
export const MAGASIN_FIELDS = [
  { name: 'nom', label: 'Nom du magasin', what: 'le nom du magasin', max: 200, auto: 'off' },
  { name: 'ville', label: 'Ville', what: 'la ville', max: 100, auto: 'address-level2' },
  { name: 'adresse', label: 'Adresse', what: 'l’adresse', max: 300, auto: 'street-address' },
] as const satisfies readonly {
  name: keyof MagasinValues;
  label: string;
  what: string;
  max: number;
  auto: string;
}[];

/** The magasin service's bounds (services.yaml, NewMagasin), said in French. */
export const checkMagasin = (v: MagasinValues): FieldErrors<MagasinValues> =>
  Object.fromEntries(MAGASIN_FIELDS.map((f) => [f.name, requiredText(v[f.name], f.what, f.max)]));

export const trimmed = (v: MagasinValues): NewMagasin => ({
  nom: v.nom.trim(),
  ville: v.ville.trim(),
  adresse: v.adresse.trim(),
});

/** Only what differs from the magasin as it is (empty: nothing to send). */
export const changesOf =
  (current: Magasin) =>
  (v: MagasinValues): MagasinChanges =>
    changedFields(current, trimmed(v));
