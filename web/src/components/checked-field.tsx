import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';
import styles from './checked-field.module.css';
import { FieldError, LabelledField } from './fields.js';

interface Checked {
  id: string;
  label: string;
  /** What is wrong with the value, shown under it; null or absent: nothing. */
  error?: string | null | undefined;
  /** A hint under the control (the expected form, the bounds). */
  hint?: string | undefined;
}

/** The attributes that tie a control to its hint and its error. */
type Described = { 'aria-invalid'?: true; 'aria-describedby'?: string };

/** A control under its label, then its hint and its error (named by the control). */
function CheckedField({
  id,
  label,
  error,
  hint,
  control,
}: Checked & { control: (described: Described) => ReactNode }) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  const described: Described = {
    ...(error ? { 'aria-invalid': true } : {}),
    ...(ids.length > 0 ? { 'aria-describedby': ids.join(' ') } : {}),
  };
  return (
    <LabelledField id={id} label={label}>
      {control(described)}
      {hint && (
        <p id={`${id}-hint`} className={styles.hint}>
          {hint}
        </p>
      )}
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
    </LabelledField>
  );
}

/** A labelled input with its hint and what is wrong with it, next to it. */
export const CheckedInput = ({
  id,
  label,
  error,
  hint,
  ...input
}: Checked & InputHTMLAttributes<HTMLInputElement>) => (
  <CheckedField
    {...{ id, label, error, hint }}
    control={(d) => <input id={id} {...d} {...input} />}
  />
);

/** A labelled text area with its hint and what is wrong with it. */
export const CheckedTextArea = ({
  id,
  label,
  error,
  hint,
  ...area
}: Checked & TextareaHTMLAttributes<HTMLTextAreaElement>) => (
  <CheckedField
    {...{ id, label, error, hint }}
    control={(d) => <textarea id={id} {...d} {...area} />}
  />
);
