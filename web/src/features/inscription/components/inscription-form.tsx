import type { FormEvent } from 'react';
import { Button } from '../../../components/button.js';
import { CheckedInput } from '../../../components/checked-field.js';
import type { InscriptionRequest } from '../../../lib/api-types.js';
import { type FieldErrors, type InscriptionField, PASSWORD_MIN } from '../utils/field-errors.js';
import styles from './inscription-form.module.css';

interface FieldSpec {
  id: InscriptionField;
  label: string;
  type: string;
  autoComplete: string;
  hint?: string;
}

export const PASSWORD_HINT = `Au moins ${PASSWORD_MIN} caractères, sans votre nom d’utilisateur, et pas un mot de passe courant.`;

const SPECS: readonly FieldSpec[] = [
  { id: 'nom', label: 'Nom complet', type: 'text', autoComplete: 'name' },
  { id: 'email', label: 'Adresse e-mail', type: 'email', autoComplete: 'email' },
  {
    id: 'username',
    label: 'Nom d’utilisateur',
    type: 'text',
    autoComplete: 'username',
    hint: 'Pour vous connecter : 3 à 32 lettres, chiffres, points, tirets ou soulignés.',
  },
  {
    id: 'password',
    label: 'Mot de passe',
    type: 'password',
    autoComplete: 'new-password',
    hint: PASSWORD_HINT,
  },
];

/** The four fields of a new account, each with what is wrong with it next to it. */
export function InscriptionForm({
  value,
  errors,
  pending,
  onChange,
  onSubmit,
}: {
  value: InscriptionRequest;
  errors: FieldErrors;
  pending: boolean;
  onChange: (next: InscriptionRequest) => void;
  onSubmit: () => void;
}) {
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} className={styles.form} noValidate aria-label="Créer un compte">
      {SPECS.map((f) => (
        <CheckedInput
          key={f.id}
          id={`inscription-${f.id}`}
          name={f.id}
          label={f.label}
          type={f.type}
          autoComplete={f.autoComplete}
          hint={f.hint}
          error={errors[f.id]}
          required
          value={value[f.id]}
          onChange={(e) => onChange({ ...value, [f.id]: e.target.value })}
        />
      ))}
      <Button type="submit" variant="primary" size="large" disabled={pending}>
        {pending ? 'Création du compte…' : 'Créer mon compte'}
      </Button>
    </form>
  );
}
