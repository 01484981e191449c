import { MOTIF_MAX, MOTIF_MIN } from '../lib/api/commandes.js';
import { FieldError, LabelledField } from './fields.js';

/** Required to cancel, optional to resume; 3 to 500 characters when given. */
export function motifError(motif: string, required: boolean): string | null {
  if (motif === '') return required ? 'Indiquez le motif de l’annulation.' : null;
  if (motif.length < MOTIF_MIN) return `Le motif doit compter au moins ${MOTIF_MIN} caractères.`;
  return motif.length > MOTIF_MAX ? `Le motif ne peut dépasser ${MOTIF_MAX} caractères.` : null;
}

/** The motif's text area, with what is wrong with it (once the operator has tried). */
export function MotifField({
  id,
  required,
  value,
  error,
  onChange,
}: {
  id: string;
  required: boolean;
  value: string;
  error: string | null;
  onChange: (value: string) => void;
}) {
  return (
    <LabelledField id={`${id}-motif`} label={`Motif${required ? '' : ' (facultatif)'}`}>
      <textarea
        id={`${id}-motif`}
        rows={3}
        maxLength={MOTIF_MAX}
        required={required}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
    </LabelledField>
  );
}
