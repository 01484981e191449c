import { type FormEvent, useState } from 'react';
import { Button, ButtonRow } from '../../../components/button.js';
import { Field, LabelledField } from '../../../components/fields.js';
import type { PanneMode } from '../../../lib/api-types.js';
import u from '../../../styles/utilities.module.css';
import { MODE_LABELS, MODES, operationLabel } from '../labels.js';
import styles from './panne-form.module.css';

export interface PanneRequest {
  operation: string;
  mode: PanneMode;
  nombre: number;
}

function ModeChoice({
  name,
  value,
  onChange,
}: {
  name: string;
  value: PanneMode;
  onChange: (mode: PanneMode) => void;
}) {
  return (
    <fieldset>
      <legend>Comportement</legend>
      {MODES.map((m) => (
        <label key={m} className={styles.radio}>
          <input
            type="radio"
            name={name}
            value={m}
            checked={value === m}
            onChange={() => onChange(m)}
          />
          <span>
            <strong>{MODE_LABELS[m].nom}</strong>{' '}
            <span className={u.muted}>— {MODE_LABELS[m].aide}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** Arm a fault on one operation for the next N calls, or clear them all. */
export function PanneForm({
  id,
  label,
  operations,
  busy,
  canClear,
  onArm,
  onClear,
}: {
  id: string;
  label: string;
  operations: readonly string[];
  busy: boolean;
  canClear: boolean;
  onArm: (request: PanneRequest) => void;
  onClear: () => void;
}) {
  const [operation, setOperation] = useState(operations[0] ?? '');
  const [mode, setMode] = useState<PanneMode>('indisponible');
  const [nombre, setNombre] = useState(2);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    onArm({ operation, mode, nombre });
  };
  return (
    <form className={styles.form} onSubmit={submit} aria-label={`Programmer une panne : ${label}`}>
      <LabelledField id={`${id}-op`} label="Opération">
        <select id={`${id}-op`} value={operation} onChange={(e) => setOperation(e.target.value)}>
          {operations.map((op) => (
            <option key={op} value={op}>
              {operationLabel(op)}
            </option>
          ))}
        </select>
      </LabelledField>
      <ModeChoice name={`${id}-mode`} value={mode} onChange={setMode} />
      <Field
        id={`${id}-n`}
        label="Pour les prochains appels (nombre)"
        type="number"
        min={1}
        max={100}
        required
        value={nombre}
        onChange={(e) => setNombre(Math.min(100, Math.max(1, Number(e.target.value) || 1)))}
      />
      <ButtonRow>
        <Button type="submit" variant="primary" disabled={busy || operation === ''}>
          Activer la panne
        </Button>
        <Button disabled={busy || !canClear} onClick={onClear}>
          Tout rétablir
        </Button>
      </ButtonRow>
    </form>
  );
}
