import type { InputHTMLAttributes } from 'react';
import type { Magasin } from '../lib/api-types.js';

/** A labelled input: the label names the control for screen readers and tests alike. */
export function Field({
  id,
  label,
  ...input
}: { id: string; label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} {...input} />
    </div>
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
    <div className="field">
      <label htmlFor={id}>Magasin</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Tous les magasins</option>
        {magasins.map((m) => (
          <option key={m.id} value={m.id}>
            {m.nom}
          </option>
        ))}
      </select>
    </div>
  );
}
