import { CheckedInput } from '../../../components/checked-field.js';
import { FormGrid, Wide } from '../../../components/form-grid.js';
import type { FormState } from '../../../lib/use-form.js';
import { MAGASIN_FIELDS, type MagasinValues } from '../hooks/use-magasin-form.js';

/** A magasin's name, city and street address, each with what is wrong with it. */
export function MagasinForm({
  id,
  label,
  form,
  submitLabel,
}: {
  id: string;
  label: string;
  form: FormState<MagasinValues>;
  submitLabel: string;
}) {
  const fields = MAGASIN_FIELDS.map((f) => (
    <CheckedInput
      key={f.name}
      id={`${id}-${f.name}`}
      label={f.label}
      value={form.values[f.name]}
      maxLength={f.max}
      autoComplete={f.auto}
      error={form.errors[f.name]}
      onChange={(e) => form.set(f.name, e.target.value)}
    />
  ));
  return (
    <FormGrid label={label} form={form} submitLabel={submitLabel}>
      {fields[0]}
      {fields[1]}
      <Wide>{fields[2]}</Wide>
    </FormGrid>
  );
}
