import type { InputHTMLAttributes, ReactNode } from 'react';
import type { Magasin } from '../lib/api-types.js';
import { cx } from '../lib/cx.js';
import styles from './fields.module.css';

/**
 * A control under (or, inline, beside) its label: the label names the control for screen
 * readers and tests alike.
 */
export function LabelledField({
  id,
  label,
  inline = false,
  children,
}: {
  id: string;
  label: ReactNode;
  inline?: boolean;
  /** The control, with this `id`; then, if any, its error message. */
  children: ReactNode;
}) {
  return (
    <div className={cx(styles.field, inline && styles.inline)}>
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

/** A labelled input. */
export function Field({
  id,
  label,
  ...input
}: { id: string; label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <LabelledField id={id} label={label}>
      <input id={id} {...input} />
    </LabelledField>
  );
}

/** What is wrong with a field's value, next to it (point the control's aria-describedby here). */
export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className={styles.error}>
      {children}
    </p>
  );
}

/** Choose one magasin or all of them (value ''). */
export function MagasinSelect({
  id,
  magasins,
  value,
  onChange,
}: {
  id: string;
  magasins: readonly Magasin[];
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <LabelledField id={id} label="Magasin">
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Tous les magasins</option>
        {magasins.map((m) => (
          <option key={m.id} value={m.id}>
            {m.nom}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}
