import { CheckedInput, CheckedTextArea } from '../../../components/checked-field.js';
import { FormGrid, Wide } from '../../../components/form-grid.js';
import type { FormState } from '../../../lib/use-form.js';
import type { ProduitValues } from '../hooks/use-produit-form.js';

/** The category, the known ones offered as the person types. */
function CategorieField({
  id,
  form,
  categories,
}: {
  id: string;
  form: FormState<ProduitValues>;
  categories: readonly string[];
}) {
  return (
    <>
      <CheckedInput
        id={id}
        label="Catégorie"
        list={`${id}-list`}
        value={form.values.categorie}
        maxLength={100}
        autoComplete="off"
        error={form.errors.categorie}
        onChange={(e) => form.set('categorie', e.target.value)}
      />
      <datalist id={`${id}-list`}>
        {categories.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
    </>
  );
}

/** A produit's four fields, each with what is wrong with it beside it. */
export function ProduitForm({
  id,
  label,
  form,
  categories,
  submitLabel,
}: {
  id: string;
  /** The form's accessible name. */
  label: string;
  form: FormState<ProduitValues>;
  /** Known categories, offered as the person types. */
  categories: readonly string[];
  submitLabel: string;
}) {
  const { values, errors, set } = form;
  return (
    <FormGrid label={label} form={form} submitLabel={submitLabel}>
      <CheckedInput
        id={`${id}-nom`}
        label="Nom"
        value={values.nom}
        maxLength={200}
        autoComplete="off"
        error={errors.nom}
        onChange={(e) => set('nom', e.target.value)}
      />
      <CategorieField id={`${id}-categorie`} form={form} categories={categories} />
      <CheckedInput
        id={`${id}-prix`}
        label="Prix (€)"
        inputMode="decimal"
        hint="En euros, centimes après la virgule : 12,99"
        value={values.prix}
        error={errors.prix}
        onChange={(e) => set('prix', e.target.value)}
      />
      <Wide>
        <CheckedTextArea
          id={`${id}-description`}
          label="Description (facultative)"
          rows={3}
          maxLength={2000}
          value={values.description}
          error={errors.description}
          onChange={(e) => set('description', e.target.value)}
        />
      </Wide>
    </FormGrid>
  );
}
