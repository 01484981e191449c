import { useState } from 'react';
import { CheckedInput } from '../../../components/checked-field.js';
import { FieldError, LabelledField } from '../../../components/fields.js';
import { FormGrid } from '../../../components/form-grid.js';
import { FormPanel } from '../../../components/form-panel.js';
import type { Produit } from '../../../lib/api-types.js';
import { formatCount } from '../../../lib/format.js';
import { type FormState, useForm } from '../../../lib/use-form.js';
import { fixerNiveau } from '../api/stocks-api.js';
import { niveauError, toInteger } from '../utils/quantites.js';

interface Values {
  produit: string;
  quantite: string;
}

const EMPTY: Values = { produit: '', quantite: '' };

const check = (v: Values) => ({
  produit: v.produit === '' ? 'Choisissez le produit à mettre en stock.' : null,
  quantite: niveauError(v.quantite),
});

/** The produits not carried yet; the error beside it when none is chosen. */
function ProduitSelect({
  form,
  produits,
}: {
  form: FormState<Values>;
  produits: readonly Produit[];
}) {
  const error = form.errors.produit;
  return (
    <LabelledField id="mise-en-stock-produit" label="Produit">
      <select
        id="mise-en-stock-produit"
        value={form.values.produit}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'mise-en-stock-produit-error' : undefined}
        onChange={(e) => form.set('produit', e.target.value)}
      >
        <option value="">— Choisir —</option>
        {produits.map((p) => (
          <option key={p.id} value={p.id}>
            {p.nom}
          </option>
        ))}
      </select>
      {error && <FieldError id="mise-en-stock-produit-error">{error}</FieldError>}
    </LabelledField>
  );
}

/** Starts carrying a produit in this magasin: its first level. */
export function MiseEnStock({
  magasinId,
  produits,
  onDone,
}: {
  magasinId: number;
  /** The produits this magasin does not carry yet. */
  produits: readonly Produit[];
  onDone: () => void;
}) {
  const [done, setDone] = useState<string | null>(null);
  const form: FormState<Values> = useForm(EMPTY, check, async (v) => {
    setDone(null);
    const quantite = toInteger(v.quantite);
    // A line not carried yet is expected at 0: stocked by someone else meanwhile, it is refused.
    await fixerNiveau(magasinId, Number(v.produit), { quantite, quantite_attendue: 0 });
    const nom = produits.find((p) => String(p.id) === v.produit)?.nom ?? 'Produit';
    setDone(`${nom} : ${formatCount(quantite)} en stock.`);
    form.reset(EMPTY);
    onDone();
  });
  return (
    <FormPanel id="mise-en-stock" title="Mettre un produit en stock" done={done}>
      {produits.length === 0 ? (
        <p>Ce magasin a déjà une ligne pour chaque produit du catalogue.</p>
      ) : (
        <FormGrid label="Mettre un produit en stock" form={form} submitLabel="Mettre en stock">
          <ProduitSelect form={form} produits={produits} />
          <CheckedInput
            id="mise-en-stock-quantite"
            label="Quantité initiale"
            inputMode="numeric"
            hint="0 à 10 000 000 unités"
            value={form.values.quantite}
            error={form.errors.quantite}
            onChange={(e) => form.set('quantite', e.target.value)}
          />
        </FormGrid>
      )}
    </FormPanel>
  );
}
